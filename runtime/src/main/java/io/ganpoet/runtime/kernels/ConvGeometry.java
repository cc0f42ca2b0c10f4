package io.ganpoet.runtime.kernels;

import ai.djl.ndarray.types.Shape;

/**
 * Everything about a 2-D convolution except its tensors: direction, stride, padding, output
 * padding, dilation, groups and whether it has a bias.
 *
 * @param transposed whether it is a transposed convolution
 * @param stride {@code (sH, sW)}
 * @param padding {@code (pH, pW)}
 * @param outPadding {@code (oH, oW)}; {@code (0, 0)} for a convolution
 * @param dilation {@code (dH, dW)}
 * @param groups the number of channel groups
 * @param bias whether a bias is added
 */
public record ConvGeometry(
        boolean transposed, Shape stride, Shape padding, Shape outPadding, Shape dilation, int groups, boolean bias) {

    /**
     * A convolution's geometry.
     *
     * @param stride {@code (sH, sW)}
     * @param padding {@code (pH, pW)}
     * @param dilation {@code (dH, dW)}
     * @param groups the number of channel groups
     * @param bias whether a bias is added
     * @return the geometry
     */
    public static ConvGeometry convolution(Shape stride, Shape padding, Shape dilation, int groups, boolean bias) {
        return new ConvGeometry(false, stride, padding, new Shape(0, 0), dilation, groups, bias);
    }

    /**
     * A transposed convolution's geometry.
     *
     * @param stride {@code (sH, sW)}
     * @param padding {@code (pH, pW)}
     * @param outPadding {@code (oH, oW)}
     * @param dilation {@code (dH, dW)}
     * @param groups the number of channel groups
     * @param bias whether a bias is added
     * @return the geometry
     */
    public static ConvGeometry transposed(
            Shape stride, Shape padding, Shape outPadding, Shape dilation, int groups, boolean bias) {
        return new ConvGeometry(true, stride, padding, outPadding, dilation, groups, bias);
    }

    /**
     * The integer arguments of ganpoet's TorchScript kernels, in their order: transposed, stride,
     * padding, output padding (H and W each), groups, dilation (H and W), bias.
     *
     * @return eleven values
     */
    long[] scriptArguments() {
        return new long[] {
            transposed ? 1 : 0,
            stride.get(0),
            stride.get(1),
            padding.get(0),
            padding.get(1),
            outPadding.get(0),
            outPadding.get(1),
            groups,
            dilation.get(0),
            dilation.get(1),
            bias ? 1 : 0
        };
    }

    /**
     * How the geometry reads in a table: {@code k4x4 s2 p1}, plus what is not the default.
     *
     * @param kernel the kernel's {@code (kH, kW)}
     * @return the text
     */
    String describe(Shape kernel) {
        StringBuilder text = new StringBuilder();
        text.append('k').append(pair(kernel)).append(" s").append(pair(stride));
        text.append(" p").append(pair(padding));
        if (transposed && (outPadding.get(0) != 0 || outPadding.get(1) != 0)) {
            text.append(" op").append(pair(outPadding));
        }
        if (dilation.get(0) != 1 || dilation.get(1) != 1) {
            text.append(" d").append(pair(dilation));
        }
        if (groups != 1) {
            text.append(" g").append(groups);
        }
        return text.toString();
    }

    private static String pair(Shape shape) {
        return shape.get(0) == shape.get(1) ? Long.toString(shape.get(0)) : shape.get(0) + "x" + shape.get(1);
    }
}
