package io.ganpoet.processor.model;

import io.ganpoet.spec.Activation;

/**
 * One {@code @DenseBlock} as written, defaults filled in.
 *
 * @param index position among the spec's dense blocks, from 0
 * @param name the layer name (explicit or {@code dense<index+1>})
 */
public record DenseBlockSpec(
        int index,
        String name,
        int units,
        Activation activation,
        boolean bias,
        boolean batchNorm,
        float dropout,
        float leakySlope)
        implements BlockSpec {

    @Override
    public Location at(String attribute) {
        return Location.dense(index, attribute);
    }

    @Override
    public String describe() {
        return "dense block " + (index + 1);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.dense(this);
    }
}
