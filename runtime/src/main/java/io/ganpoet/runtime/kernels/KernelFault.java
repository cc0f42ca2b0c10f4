package io.ganpoet.runtime.kernels;

/**
 * A wrong default kernel, injected on purpose so that the check and the reroute can be tested on a
 * machine whose kernels are right. {@link ConvKernels#injectFault} makes every default-route
 * convolution (and the check's run of it) wrong in this way, the way oneDNN was on an AMD Zen 5 VM.
 */
public enum KernelFault {
    /** No fault: the default kernels as libtorch runs them. */
    NONE(0),
    /** The forward pass is 1.5 times too large (gradients consistent with it). */
    FORWARD(1),
    /** The input gradient is off by 0.37 in every element; the value is right. */
    INPUT_GRADIENT(2),
    /**
     * The forward pass is 1.5 times too large on one sample of the batch, the one after the middle
     * (one thread's share, say). Injected in the check's runs only, so it tests that the check
     * compares every sample; the blocks themselves compute right.
     */
    ONE_SAMPLE(4),
    /**
     * The forward pass is 1.5 times too large when autograd is off (inference: sampling, FD, an
     * evaluation pass); passes recorded for training are right. libtorch asks oneDNN for another
     * kernel then (forward inference), and on the Zen 5 VM that one was wrong where the training
     * kernel of the same signature was right.
     */
    INFERENCE_FORWARD(8);

    private final int code;

    KernelFault(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
