package io.ganpoet.processor.model;

import io.ganpoet.spec.Activation;
import io.ganpoet.spec.Generator.BatchNormPolicy;

/** The {@code @Generator} settings, defaults filled in; the spec's own enums, no copies. */
public record GeneratorSpec(
        String name, Activation activation, Activation output, float leakySlope, BatchNormPolicy batchNorm, boolean bias) {

    /** The defaults of {@code @Generator}. */
    public static GeneratorSpec defaults() {
        return new GeneratorSpec("", Activation.RELU, Activation.TANH, 0.2f, BatchNormPolicy.ALL_BUT_OUTPUT, false);
    }

    /** The mirror policy these settings ask for. */
    public MirrorPolicy policy(String className) {
        return new MirrorPolicy(className, "generator", "Mirror", activation, output, leakySlope, batchNorm, bias);
    }
}
