package io.ganpoet.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the generator is mirrored from a {@link Discriminator}. The defaults give the DCGAN
 * generator: ReLU inside, tanh out, batch norm on every layer but the output, no biases.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Generator {

    /** Simple name of the generated generator class; default {@code <Base>GeneratorBlock}. */
    String name() default "";

    /** Activation of every layer but the output. */
    Activation activation() default Activation.RELU;

    /** Activation of the output layer; TANH matches images scaled to [-1, 1]. */
    Activation output() default Activation.TANH;

    /** Slope for a {@link Activation#LEAKY_RELU} (or alpha for {@link Activation#ELU}) activation. */
    float leakySlope() default 0.2f;

    /** Where the generator has batch norm. */
    BatchNormPolicy batchNorm() default BatchNormPolicy.ALL_BUT_OUTPUT;

    /** Whether generator layers have a bias. */
    boolean bias() default false;

    /** Where the generator puts batch norm. */
    enum BatchNormPolicy {
        /** Every layer except the output (the DCGAN convention). */
        ALL_BUT_OUTPUT,
        /** Each layer copies the flag of the discriminator block it mirrors. */
        MIRROR,
        /** No batch norm anywhere. */
        NONE
    }
}
