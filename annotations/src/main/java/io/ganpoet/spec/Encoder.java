package io.ganpoet.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an encoder on an interface; ganpoet generates, in the interface's package, {@code
 * FooEncoderBlock}, the mirrored {@code FooDecoderBlock} and the holder {@code FooAutoencoder} (an
 * {@code io.ganpoet.runtime.AutoencoderModel}), where {@code Foo} is the interface's name without a
 * trailing {@code Encoder}.
 *
 * <p>The encoder's layers are the interface's {@link ConvBlock}s, then its {@link DenseBlock}s, as
 * for {@link Discriminator}. The decoder mirrors them by the generator's rules (un-pooling and
 * output padding land exactly on each size the encoder read), configured by {@link #decoder()}.
 *
 * <pre>
 * &#64;Encoder(channels = 1, height = 28, width = 28)
 * &#64;ConvBlock(filters = 32, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
 * &#64;ConvBlock(filters = 16, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
 * interface DigitsEncoder {}
 * </pre>
 *
 * <p>A plain autoencoder's code is the encoder's last output; with {@link #variational()} the last
 * output is flattened into two heads of size {@link #latent()} (mean and log-variance) and the
 * decoder starts from a latent vector of that size, through a projection and a reshape to the
 * mirrored feature map.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Encoder {

    /** Image channels. */
    int channels();

    /** Image height in pixels. */
    int height();

    /** Image width in pixels. */
    int width();

    /** Whether this is a variational autoencoder's encoder (Gaussian heads of size {@link #latent()}). */
    boolean variational() default false;

    /**
     * Latent size of a variational encoder; required (positive) when {@link #variational()} is
     * true, and must stay unset (0) otherwise: a plain autoencoder's code is the encoder's output.
     */
    int latent() default 0;

    /** How the mirrored decoder is built. */
    Decoder decoder() default @Decoder;
}
