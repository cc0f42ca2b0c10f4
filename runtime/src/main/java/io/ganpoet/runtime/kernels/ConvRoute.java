package io.ganpoet.runtime.kernels;

/** The kernels a convolution can run on. */
public enum ConvRoute {
    /** libtorch's own choice: oneDNN on a CPU, cuDNN on a GPU. The fastest, when it is right. */
    DEFAULT("libtorch's default kernel"),
    /**
     * ATen's im2col / col2im and matrix product, forward and backward; never oneDNN. Exact, and
     * a plain matrix product where the kernel covers the whole input.
     */
    IM2COL("ganpoet's im2col kernel");

    private final String description;

    ConvRoute(String description) {
        this.description = description;
    }

    /**
     * What the route is, in a few words.
     *
     * @return the description
     */
    public String description() {
        return description;
    }
}
