package io.ganpoet.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fully connected block of a {@link Discriminator}, applied after all conv blocks (the feature
 * map is flattened first): linear, then batch norm (optional), activation, dropout (optional). The
 * generator mirrors the dense blocks into a projection from the latent and a reshape back to the
 * last feature map.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(DenseBlocks.class)
public @interface DenseBlock {

    /** Output features. */
    int units();

    Activation activation();

    boolean bias() default true;

    boolean batchNorm() default false;

    /** Dropout rate after the activation, in [0, 1). */
    float dropout() default 0f;

    /** Negative slope for {@link Activation#LEAKY_RELU} (and alpha for {@link Activation#ELU}). */
    float leakySlope() default 0.2f;

    /** Layer name in generated code and tables; defaults to dense1, dense2, ... */
    String name() default "";
}
