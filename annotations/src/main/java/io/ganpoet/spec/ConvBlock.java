package io.ganpoet.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One convolutional block of a {@link Discriminator}: convolution, then batch norm (optional),
 * activation, max pool (optional) and dropout (optional). Defaults are PyTorch's.
 *
 * <p>Output size per axis: {@code ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1},
 * then {@code ⌊· / maxPool⌋} when pooling. The generator mirrors it with a transposed convolution
 * (and an upsampling for the pool) that lands exactly on the block's input size.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(ConvBlocks.class)
public @interface ConvBlock {

    /** Output channels. */
    int filters();

    /** Square kernel size. */
    int kernel();

    int stride() default 1;

    /** Zero padding on every side. */
    int padding() default 0;

    int dilation() default 1;

    boolean bias() default true;

    boolean batchNorm() default false;

    Activation activation();

    /** Negative slope for {@link Activation#LEAKY_RELU} (and alpha for {@link Activation#ELU}). */
    float leakySlope() default 0.2f;

    /** Window (= stride) of a max pool after the activation; 0 for none. */
    int maxPool() default 0;

    /** Dropout rate after the activation, in [0, 1). */
    float dropout() default 0f;

    /** Spectral normalisation of the convolution weight (Miyato et al. 2018). */
    boolean spectralNorm() default false;

    /** Layer name in generated code and tables; defaults to conv1, conv2, ... */
    String name() default "";
}
