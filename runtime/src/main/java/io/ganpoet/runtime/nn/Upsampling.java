package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;

/** Nearest-neighbour upsampling, the generator's mirror of a max pool. */
public final class Upsampling {

    private static final int NEAREST = 0;

    private Upsampling() {}

    /**
     * Resizes {@code (N, C, H, W)} to {@code (N, C, height, width)} by nearest neighbour ({@code
     * torch.nn.functional.interpolate(mode="nearest")}); differentiable.
     *
     * @param input the feature map
     * @param height the output height
     * @param width the output width
     * @return the resized feature map
     */
    public static NDArray nearest(NDArray input, long height, long width) {
        return input.getNDArrayInternal().interpolation(new long[] {height, width}, NEAREST, false);
    }
}
