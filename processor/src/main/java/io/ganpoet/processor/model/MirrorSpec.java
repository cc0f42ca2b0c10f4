package io.ganpoet.processor.model;

import io.ganpoet.spec.Activation;
import io.ganpoet.spec.Generator.BatchNormPolicy;

/**
 * The settings of a stack's mirror, {@code @Generator} or {@code @Decoder} (the same attributes),
 * defaults filled in; the spec's own enums, no copies.
 *
 * @param name the mirror's class name, {@code ""} for the default
 * @param activation activation of every mirrored layer but the output
 * @param output activation of the output layer
 * @param leakySlope slope or alpha for the activations that take one
 * @param batchNorm where batch norm goes
 * @param bias whether mirrored layers have a bias
 * @param activateProjection whether a projection from a flat input (the mirror of a dense block or of
 *     the Gaussian heads) that is not the output layer is followed by {@code activation}; {@code @Decoder}
 *     only, always true for {@code @Generator}
 */
public record MirrorSpec(
        String name,
        Activation activation,
        Activation output,
        float leakySlope,
        BatchNormPolicy batchNorm,
        boolean bias,
        boolean activateProjection) {

    /** Settings whose projections are activated like every other layer ({@code @Generator}'s). */
    public MirrorSpec(
            String name,
            Activation activation,
            Activation output,
            float leakySlope,
            BatchNormPolicy batchNorm,
            boolean bias) {
        this(name, activation, output, leakySlope, batchNorm, bias, true);
    }

    /** The defaults of {@code @Generator}. */
    public static MirrorSpec generatorDefaults() {
        return new MirrorSpec("", Activation.RELU, Activation.TANH, 0.2f, BatchNormPolicy.ALL_BUT_OUTPUT, false);
    }

    /** The defaults of {@code @Decoder}. */
    public static MirrorSpec decoderDefaults() {
        return new MirrorSpec("", Activation.RELU, Activation.SIGMOID, 0.2f, BatchNormPolicy.ALL_BUT_OUTPUT, false);
    }
}
