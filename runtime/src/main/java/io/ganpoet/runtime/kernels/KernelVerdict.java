package io.ganpoet.runtime.kernels;

import java.util.Locale;

/**
 * What the check found for one convolution signature on one device, and the route it takes.
 *
 * @param signature the convolution
 * @param device the device it runs on, e.g. {@code cpu()}
 * @param route the kernel it runs on
 * @param policy the policy in force when it was decided
 * @param defaultErrors the default kernel's relative errors against the float64 reference: output,
 *     input gradient, weight gradient, bias gradient (empty when not checked)
 * @param trustedErrors the im2col route's errors, when it was measured (else empty)
 * @param millis how long the check took
 */
public record KernelVerdict(
        ConvSignature signature,
        String device,
        ConvRoute route,
        KernelPolicy policy,
        double[] defaultErrors,
        double[] trustedErrors,
        long millis) {

    private static final String[] DIRECTIONS = {"output", "input gradient", "weight gradient", "bias gradient"};

    /**
     * Whether the signature runs on another kernel than libtorch's default because the check found
     * the default wrong.
     *
     * @return whether it was rerouted
     */
    public boolean rerouted() {
        return policy == KernelPolicy.CHECKED && route != ConvRoute.DEFAULT;
    }

    /**
     * The worst direction of the default kernel, e.g. {@code "input gradient is off by 100 %"}.
     *
     * @return the phrase, or {@code "agrees"} when nothing was found
     */
    public String finding() {
        int worst = -1;
        for (int i = 0; i < defaultErrors.length; i++) {
            if (Double.isNaN(defaultErrors[i])) {
                return DIRECTIONS[i] + " is not finite";
            }
            if (worst < 0 || defaultErrors[i] > defaultErrors[worst]) {
                worst = i;
            }
        }
        if (worst < 0 || defaultErrors[worst] <= KernelCheck.TOLERANCE) {
            return "agrees";
        }
        return DIRECTIONS[worst] + " is off by " + percent(defaultErrors[worst]);
    }

    /**
     * One line for a log: the signature, the route and why.
     *
     * @return the line
     */
    public String line() {
        String where = signature.describe() + " on " + device;
        switch (policy) {
            case TRUSTED:
                return where + ": " + route.description() + " (kernels: trusted)";
            case UNCHECKED:
                return where + ": " + route.description() + ", unchecked (kernels: unchecked)";
            default:
                if (!rerouted()) {
                    return where + ": " + route.description() + ", checked";
                }
                return where
                        + ": moved to "
                        + route.description()
                        + " because libtorch's default kernel's "
                        + finding()
                        + " against a float64 reference (im2col: "
                        + String.format(Locale.ROOT, "%.1e", worst(trustedErrors))
                        + ")";
        }
    }

    private static double worst(double[] errors) {
        double worst = 0;
        for (double e : errors) {
            if (Double.isNaN(e)) {
                return Double.NaN;
            }
            worst = Math.max(worst, e);
        }
        return worst;
    }

    private static String percent(double relative) {
        return relative >= 0.01
                ? String.format(Locale.ROOT, "%.0f %%", relative * 100)
                : String.format(Locale.ROOT, "%.1e", relative);
    }
}
