package io.ganpoet.processor.model;

/** The {@code @Generator} settings, defaults filled in. */
public record GeneratorSpec(
        String name, Act activation, Act output, float leakySlope, BatchNormPolicy batchNorm, boolean bias) {

    /** The processor's copy of {@code Generator.BatchNormPolicy}. */
    public enum BatchNormPolicy {
        ALL_BUT_OUTPUT,
        MIRROR,
        NONE
    }

    /** The defaults of {@code @Generator}. */
    public static GeneratorSpec defaults() {
        return new GeneratorSpec("", Act.RELU, Act.TANH, 0.2f, BatchNormPolicy.ALL_BUT_OUTPUT, false);
    }
}
