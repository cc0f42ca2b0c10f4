package io.ganpoet.processor.model;

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
        Act activation,
        boolean bias,
        boolean batchNorm,
        float dropout,
        float leakySlope) {

    /** Where this block's attribute {@code attribute} sits. */
    public Location at(String attribute) {
        return Location.dense(index, attribute);
    }
}
