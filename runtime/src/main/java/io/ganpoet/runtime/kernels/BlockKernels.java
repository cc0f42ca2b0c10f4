package io.ganpoet.runtime.kernels;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One block's convolutions through {@link ConvKernels}, remembering the verdicts it used: what a
 * {@link KernelCheckedBlock} holds and answers {@link KernelCheckedBlock#kernelVerdicts()} from.
 */
public final class BlockKernels {

    private final Set<KernelVerdict> used = ConcurrentHashMap.newKeySet();

    /**
     * Computes a convolution on the kernel its verdict chooses, checking the signature first if it
     * is new, and remembers the verdict.
     *
     * @param x the input
     * @param w the weight
     * @param b the bias or {@code null}
     * @param geometry the geometry
     * @return the output
     */
    public NDArray convolve(NDArray x, NDArray w, NDArray b, ConvGeometry geometry) {
        KernelVerdict verdict = ConvKernels.verdict(x, w, geometry);
        used.add(verdict);
        return ConvKernels.compute(verdict.route(), x, w, b, geometry);
    }

    /**
     * The verdicts used so far, one per signature and device.
     *
     * @return a snapshot
     */
    public List<KernelVerdict> verdicts() {
        return List.copyOf(used);
    }
}
