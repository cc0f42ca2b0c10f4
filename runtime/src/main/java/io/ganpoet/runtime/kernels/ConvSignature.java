package io.ganpoet.runtime.kernels;

import ai.djl.ndarray.types.Shape;

/**
 * What decides the kernel libtorch runs for one convolution: the geometry and the input and weight
 * shapes, batch size included (oneDNN's choice can depend on it).
 *
 * @param geometry stride, padding, dilation, groups, direction, bias
 * @param input the input's shape {@code (N, C, H, W)}
 * @param weight the weight's shape
 */
public record ConvSignature(ConvGeometry geometry, Shape input, Shape weight) {

    /**
     * The number of output channels.
     *
     * @return filters
     */
    public long filters() {
        return geometry.transposed() ? weight.get(1) * geometry.groups() : weight.get(0);
    }

    /**
     * The signature in one phrase, e.g. {@code conv 128→1 k7 s1 p0 on 64×128×7×7}.
     *
     * @return the text
     */
    public String describe() {
        return (geometry.transposed() ? "transposed conv " : "conv ")
                + input.get(1)
                + "→"
                + filters()
                + " "
                + geometry.describe(new Shape(weight.get(2), weight.get(3)))
                + " on "
                + input.get(0)
                + "×"
                + input.get(1)
                + "×"
                + input.get(2)
                + "×"
                + input.get(3);
    }
}
