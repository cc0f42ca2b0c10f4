package io.ganpoet.processor.model;

import io.ganpoet.spec.Activation;

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
        Activation activation,
        float leakySlope,
        int maxPool,
        float dropout,
        boolean spectralNorm)
        implements BlockSpec {

    @Override
    public Location at(String attribute) {
        return Location.conv(index, attribute);
    }

    @Override
    public String describe() {
        return "conv block " + (index + 1);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.conv(this);
    }
}
