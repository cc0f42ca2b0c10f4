package io.ganpoet.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How an {@link Encoder}'s mirrored decoder is built; used only inside {@code @Encoder(decoder =
 * ...)}, as {@link Generator} is inside {@link Discriminator}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Decoder {

    /** Class name of the generated decoder; defaults to {@code FooDecoderBlock}. */
    String name() default "";

    /** Activation of every decoder layer but the output. */
    Activation activation() default Activation.RELU;

    /** Activation of the decoder's output layer; SIGMOID for images in [0, 1]. */
    Activation output() default Activation.SIGMOID;

    /** Slope (or alpha) for the activations that take one. */
    float leakySlope() default 0.2f;

    /** Where the decoder has batch norm. */
    Generator.BatchNormPolicy batchNorm() default Generator.BatchNormPolicy.ALL_BUT_OUTPUT;

    /** Whether the decoder's layers have a bias. */
    boolean bias() default false;

    /**
     * Whether the projection from the latent (the mirror of the Gaussian heads or of a dense block) is
     * followed by {@link #activation()}. {@code false} leaves it linear, as most VAE decoders are: with a
     * ReLU there, the latents a VAE's prior draws near the origin switch most of the projection's units
     * off, and its prior samples come out as textures (measured: docs/NOTES.md, issue 23).
     */
    boolean activateProjection() default true;
}
