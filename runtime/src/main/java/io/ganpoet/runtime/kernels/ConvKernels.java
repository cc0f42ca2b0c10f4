package io.ganpoet.runtime.kernels;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes 2-D convolutions and transposed convolutions on a kernel that is right on this machine.
 *
 * <p>Under the default {@link KernelPolicy#CHECKED} policy, the first time a signature (geometry,
 * input and weight shapes) runs on a device, {@link KernelCheck} compares libtorch's default
 * kernel with a float64 reference, forward and both gradients; the verdict is kept for the
 * process. A signature whose default kernel is wrong runs on {@link ConvRoute#IM2COL} from then on
 * and is logged once (warning); every other one runs on the default, at full speed. A check costs a
 * few milliseconds to a few hundred for the largest layers, once. Only float32 is checked: float64
 * never reaches oneDNN, and other types run libtorch's default unchecked (or im2col under {@link
 * KernelPolicy#TRUSTED}). The check compares NCHW-contiguous tensors, DJL's layout. On a GPU the
 * tolerance allows for cuDNN's TF32.
 *
 * <p>ganpoet's blocks ({@code CheckedConv2d}, {@code TransposedConv2d}, {@code SpectralNormConv2d})
 * compute through this class; a user's own block can call {@link #convolve} the same way.
 */
public final class ConvKernels {

    private static final Logger LOG = LoggerFactory.getLogger(ConvKernels.class);

    private static volatile KernelPolicy policy = KernelPolicy.fromSystemProperty();
    private static volatile KernelFault fault = KernelFault.NONE;

    private static final Map<VerdictKey, KernelVerdict> VERDICTS = new ConcurrentHashMap<>();
    private static final Map<ConvGeometry, NDArray> ARGUMENTS = new ConcurrentHashMap<>();
    private static final List<Consumer<KernelVerdict>> LISTENERS = new CopyOnWriteArrayList<>();

    private record VerdictKey(String device, ConvSignature signature, KernelPolicy policy) {}

    private ConvKernels() {}

    /**
     * Computes a convolution or transposed convolution with the kernel this machine's verdict
     * chooses, checking the signature first if it is new.
     *
     * @param x the input {@code (N, C, H, W)}
     * @param w the weight: {@code (filters, C / groups, kH, kW)} for a convolution, {@code (C,
     *     filters / groups, kH, kW)} for a transposed one (PyTorch's layouts)
     * @param b the bias {@code (filters)}, or {@code null} when the geometry has none
     * @param geometry direction, stride, padding, dilation, groups
     * @return the output, differentiable like any DJL operation inside a {@code GradientCollector}
     * @throws KernelCheckException when no kernel computes the signature right on this machine
     */
    public static NDArray convolve(NDArray x, NDArray w, NDArray b, ConvGeometry geometry) {
        return compute(verdict(x, w, geometry).route(), x, w, b, geometry);
    }

    /**
     * The verdict for a convolution's signature on its device, checking it first if it is new.
     *
     * @param x the input
     * @param w the weight
     * @param geometry the geometry
     * @return the verdict, cached for the process
     */
    public static KernelVerdict verdict(NDArray x, NDArray w, ConvGeometry geometry) {
        ConvSignature signature = new ConvSignature(geometry, x.getShape(), w.getShape());
        Device device = x.getDevice();
        // float32 is what oneDNN's checked kernels compute; float64 never reaches oneDNN (it is the
        // reference); other types are not checked, but the trusted policy holds for them too.
        KernelPolicy current =
                x.getDataType() == DataType.FLOAT32 || policy == KernelPolicy.TRUSTED ? policy : KernelPolicy.UNCHECKED;
        VerdictKey key = new VerdictKey(device.toString(), signature, current);
        KernelVerdict verdict = VERDICTS.get(key);
        if (verdict != null) {
            return verdict;
        }
        boolean[] made = {false};
        verdict = VERDICTS.computeIfAbsent(key, k -> {
            made[0] = true;
            return decide(signature, device, current);
        });
        if (made[0]) {
            // Outside the map's lock: a listener may run convolutions of its own.
            for (Consumer<KernelVerdict> listener : LISTENERS) {
                listener.accept(verdict);
            }
        }
        return verdict;
    }

    /**
     * Computes on a given route, whatever the verdict.
     *
     * @param route the kernel
     * @param x the input
     * @param w the weight
     * @param b the bias or {@code null}
     * @param geometry the geometry
     * @return the output
     */
    public static NDArray compute(ConvRoute route, NDArray x, NDArray w, NDArray b, ConvGeometry geometry) {
        NDArray bias = b == null ? w : b; // not read without a bias; TorchScript needs a tensor
        if (route == ConvRoute.IM2COL) {
            return ScriptModules.run(ScriptModules.IM2COL, x, w, bias, arguments(w, geometry));
        }
        NDArray y;
        if (geometry.transposed()) {
            y = ScriptModules.run(ScriptModules.DEFAULT, x, w, bias, arguments(w, geometry));
        } else {
            y = Conv2d.conv2d(x, w, b, geometry.stride(), geometry.padding(), geometry.dilation(), geometry.groups())
                    .singletonOrThrow();
        }
        return injected(x, y);
    }

    /**
     * The policy in force.
     *
     * @return the policy
     */
    public static KernelPolicy policy() {
        return policy;
    }

    /**
     * Sets the process-wide policy; verdicts already made under another policy are kept for when
     * it returns.
     *
     * @param newPolicy the policy
     */
    public static void setPolicy(KernelPolicy newPolicy) {
        policy = newPolicy;
    }

    /**
     * Every verdict made in this process so far, in no particular order.
     *
     * @return a snapshot
     */
    public static List<KernelVerdict> verdicts() {
        return new ArrayList<>(VERDICTS.values());
    }

    /**
     * Tells {@code listener} about every verdict made from now on, once each.
     *
     * @param listener called on the thread that made the verdict
     */
    public static void addVerdictListener(Consumer<KernelVerdict> listener) {
        LISTENERS.add(listener);
    }

    /**
     * Stops telling {@code listener}.
     *
     * @param listener a listener added before
     */
    public static void removeVerdictListener(Consumer<KernelVerdict> listener) {
        LISTENERS.remove(listener);
    }

    /**
     * Makes every default-route convolution wrong in the given way, and the check's run of the
     * default too, so that tests can show the check catching a wrong kernel and the reroute fixing
     * it on a machine whose kernels are right. Forgets the verdicts made so far. For tests only.
     *
     * @param injected the fault, or {@link KernelFault#NONE} to stop
     */
    public static void injectFault(KernelFault injected) {
        fault = injected;
        VERDICTS.clear();
    }

    private static KernelVerdict decide(ConvSignature signature, Device device, KernelPolicy current) {
        KernelVerdict verdict;
        if (current == KernelPolicy.CHECKED) {
            verdict = KernelCheck.run(signature, device, fault);
            if (verdict.rerouted()) {
                LOG.warn("ganpoet kernel check: {}", verdict.line());
            } else {
                LOG.debug("ganpoet kernel check: {}", verdict.line());
            }
        } else {
            ConvRoute route = current == KernelPolicy.TRUSTED ? ConvRoute.IM2COL : ConvRoute.DEFAULT;
            double[] none = new double[0];
            verdict = new KernelVerdict(signature, device.toString(), route, current, none, none, 0);
        }
        return verdict;
    }

    private static NDArray injected(NDArray x, NDArray y) {
        if (x.getDataType() != DataType.FLOAT32) {
            return y; // the check's subject is float32; float64 is the reference
        }
        switch (fault) {
            case FORWARD:
                return y.mul(1.5f);
            case INPUT_GRADIENT:
                NDArray s = x.sum().mul(0.37f);
                return y.add(s.sub(s.stopGradient()));
            case INFERENCE_FORWARD:
                return JniUtils.isGradMode() ? y : y.mul(1.5f);
            default:
                return y;
        }
    }

    private static NDArray arguments(NDArray w, ConvGeometry geometry) {
        NDArray cached = ARGUMENTS.get(geometry);
        if (cached != null && !cached.isReleased()) {
            return cached;
        }
        // Kept for the process on a manager of its own: a few bytes per geometry. On the CPU even for
        // a GPU computation: the module only reads them (tolist), which on a GPU would synchronise.
        NDArray created =
                ScriptModules.arguments(ScriptModules.processManager(Device.cpu()), geometry.scriptArguments());
        ARGUMENTS.put(geometry, created);
        return created;
    }
}
