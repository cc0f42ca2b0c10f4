package io.ganpoet.processor.model;

import io.ganpoet.spec.Activation;
import io.ganpoet.spec.Generator.BatchNormPolicy;

/** The {@code @Decoder} settings, defaults filled in; the spec's own enums, no copies. */
public record DecoderSpec(
        String name, Activation activation, Activation output, float leakySlope, BatchNormPolicy batchNorm, boolean bias) {

    /** The defaults of {@code @Decoder}. */
    public static DecoderSpec defaults() {
        return new DecoderSpec("", Activation.RELU, Activation.SIGMOID, 0.2f, BatchNormPolicy.ALL_BUT_OUTPUT, false);
    }

    /** The mirror policy these settings ask for. */
    public MirrorPolicy policy(String className) {
        return new MirrorPolicy(className, "decoder", "Mirror", activation, output, leakySlope, batchNorm, bias);
    }
}
