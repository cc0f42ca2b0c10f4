package io.ganpoet.runtime;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;

/**
 * What a trainer needs to know about a generator/discriminator pair. ganpoet's processor generates
 * an implementation ({@code FooGan}) for every {@code @Discriminator} spec; hand-written pairs can
 * implement it too.
 *
 * <p>A conditional pair ({@link #classes()} &gt; 0) draws what it is asked for: its generator takes
 * {@code NDList(z, labels)} and its discriminator {@code NDList(images, labels)}, labels being
 * {@code (N)} integer class indices in {@code [0, classes)}.
 */
public interface GanModel {

    /** What the discriminator's output means, so a loss can read it safely. */
    enum DiscriminatorOutput {
        /** A probability in (0, 1): the last activation is a sigmoid. */
        PROBABILITY,
        /** An unbounded score (logit / critic value): no final squashing. */
        LOGIT
    }

    /**
     * Returns a short name for logs and run directories.
     *
     * @return the name, e.g. {@code Fashion}
     */
    String name();

    /**
     * Returns the latent size.
     *
     * @return the number of latent channels
     */
    int latentSize();

    /**
     * Returns the shape of one latent sample, without the batch axis.
     *
     * @return e.g. {@code (100, 1, 1)}
     */
    Shape latentShape();

    /**
     * Returns the shape of one image, without the batch axis.
     *
     * @return {@code (C, H, W)}
     */
    Shape imageShape();

    /**
     * Returns a new, uninitialised discriminator.
     *
     * @return the discriminator block
     */
    Block newDiscriminator();

    /**
     * Returns a new, uninitialised generator.
     *
     * @return the generator block
     */
    Block newGenerator();

    /**
     * Returns what the discriminator's output means.
     *
     * @return probability or logit
     */
    DiscriminatorOutput discriminatorOutput();

    /**
     * Returns the discriminator's layer table as computed at compile time.
     *
     * @return one row per layer, in order
     */
    List<LayerSummary> discriminatorLayers();

    /**
     * Returns the generator's layer table as computed at compile time.
     *
     * @return one row per layer, in order
     */
    List<LayerSummary> generatorLayers();

    /**
     * Returns the layer tables as text, as they appear in the generated Javadoc.
     *
     * @return the formatted tables
     */
    String summary();

    /**
     * Returns a latent batch shape.
     *
     * @param batch the batch size
     * @return {@code (batch, latent, ...)}
     */
    default Shape latentShape(long batch) {
        return new Shape(batch).addAll(latentShape());
    }

    /**
     * Returns an image batch shape.
     *
     * @param batch the batch size
     * @return {@code (batch, C, H, W)}
     */
    default Shape imageShape(long batch) {
        return new Shape(batch).addAll(imageShape());
    }

    /**
     * Returns the number of classes the pair is conditioned on; 0 for an unconditional pair.
     *
     * @return the number of classes, 0 by default
     */
    default int classes() {
        return 0;
    }

    /**
     * Returns the shapes the generator is initialised with: the latent batch, and the labels {@code
     * (batch)} when the pair is conditional.
     *
     * @param batch the batch size
     * @return one or two shapes
     */
    default Shape[] generatorInputShapes(long batch) {
        return classes() > 0 ? new Shape[] {latentShape(batch), new Shape(batch)} : new Shape[] {latentShape(batch)};
    }

    /**
     * Returns the shapes the discriminator is initialised with: the image batch, and the labels
     * {@code (batch)} when the pair is conditional.
     *
     * @param batch the batch size
     * @return one or two shapes
     */
    default Shape[] discriminatorInputShapes(long batch) {
        return classes() > 0 ? new Shape[] {imageShape(batch), new Shape(batch)} : new Shape[] {imageShape(batch)};
    }
}
