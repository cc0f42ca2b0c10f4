package io.ganpoet.runtime.kernels;

import java.util.Locale;

/**
 * Whether ganpoet checks the native convolution kernels before using them.
 *
 * <p>The process-wide policy starts from the system property {@value #PROPERTY} ({@code checked},
 * {@code trusted} or {@code unchecked}; default {@code checked}) and can be changed with {@link
 * ConvKernels#setPolicy}; a ganpoet run sets it from its config key {@code kernels}.
 */
public enum KernelPolicy {
    /** Check every signature once per process and device; reroute one whose default is wrong. */
    CHECKED,
    /**
     * Run every convolution on {@link ConvRoute#IM2COL} without checking: the route that is right
     * on every CPU, for tests on machines whose default kernels are right, or to rule kernels out.
     */
    TRUSTED,
    /** Run libtorch's default kernels unchecked, as before ganpoet checked them (benchmarks). */
    UNCHECKED;

    /** The system property that sets the policy when the process starts. */
    public static final String PROPERTY = "ganpoet.kernels";

    /**
     * The policy named by a setting's text.
     *
     * @param text {@code checked}, {@code trusted} or {@code unchecked}, in any case
     * @param origin where the text comes from, for the message, e.g. {@code "system property
     *     ganpoet.kernels"}
     * @return the policy
     * @throws IllegalArgumentException in one sentence naming the origin and the allowed values
     */
    public static KernelPolicy parse(String text, String origin) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (KernelPolicy policy : values()) {
            if (policy.name().equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException(origin + " is '" + text + "'; use checked, trusted or unchecked");
    }

    /**
     * The policy's name as a setting spells it.
     *
     * @return {@code checked}, {@code trusted} or {@code unchecked}
     */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static KernelPolicy fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null ? CHECKED : parse(value, "the system property " + PROPERTY);
    }
}
