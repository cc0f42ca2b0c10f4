package io.ganpoet.processor.model;

/**
 * One {@code @ConvBlock} as written, defaults filled in.
 *
 * @param index position among the spec's conv blocks, from 0
 * @param name the layer name (explicit or {@code conv<index+1>})
 */
public record ConvBlockSpec(
        int index,
        String name,
        int filters,
        int kernel,
        int stride,
        int padding,
        int dilation,
        boolean bias,
        boolean batchNorm,
        Act activation,
        float leakySlope,
        int maxPool,
        float dropout,
        boolean spectralNorm) {

    /** Where this block's attribute {@code attribute} sits. */
    public Location at(String attribute) {
        return Location.conv(index, attribute);
    }
}
