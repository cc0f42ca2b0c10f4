package io.ganpoet.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a GAN by its discriminator. Put it on an interface together with its {@link ConvBlock}s
 * (and optional {@link DenseBlock}s), in the order the image flows through them; ganpoet's
 * annotation processor checks every tensor shape at compile time and generates, in the same
 * package, for an interface {@code FooDiscriminator} (base name {@code Foo}):
 *
 * <ul>
 *   <li>{@code FooDiscriminatorBlock}: the discriminator, a DJL block taking {@code (N, channels,
 *       height, width)};
 *   <li>{@code FooGeneratorBlock}: the generator mirrored from it, taking latents {@code (N,
 *       latent, 1, 1)} and returning exactly {@code (N, channels, height, width)};
 *   <li>{@code FooGan}: what a trainer needs &mdash; sizes, factories and the layer tables.
 * </ul>
 *
 * <pre>{@code
 * @Discriminator(channels = 1, height = 28, width = 28, latent = 64)
 * @ConvBlock(filters = 64, kernel = 4, stride = 2, padding = 1, activation = Activation.LEAKY_RELU)
 * @ConvBlock(filters = 128, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true,
 *     activation = Activation.LEAKY_RELU)
 * @ConvBlock(filters = 1, kernel = 7, activation = Activation.SIGMOID)
 * interface FashionDiscriminator {}
 * }</pre>
 *
 * <p>With {@code classes = n} the pair is conditional: the generator takes {@code NDList(z, labels)}
 * and joins a learned {@code labelEmbedding}-wide vector per class to its latent; the discriminator
 * takes {@code NDList(images, labels)} and joins {@code n} one-hot label maps to the image (label
 * maps beat a projection discriminator on Fashion-MNIST; see the project's docs/NOTES.md). Labels
 * are {@code (N)} integer class indices in {@code [0, n)}; {@code FooGan.classes()} returns {@code n}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Discriminator {

    /** Image channels (1 for grey, 3 for RGB). */
    int channels();

    /** Image height in pixels. */
    int height();

    /** Image width in pixels. */
    int width();

    /** Size of the generator's latent vector. */
    int latent() default 100;

    /**
     * Number of classes the pair is conditioned on: 0 (the default) for an unconditional GAN,
     * otherwise at least 2.
     */
    int classes() default 0;

    /**
     * Size of the learned label embedding joined to the generator's latent; read only when {@link
     * #classes()} is positive.
     */
    int labelEmbedding() default 16;

    /** How the generator is derived from the discriminator. */
    Generator generator() default @Generator;
}
