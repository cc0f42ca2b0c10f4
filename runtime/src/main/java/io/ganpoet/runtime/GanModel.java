package io.ganpoet.runtime;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;

/**
 * What a trainer needs to know about a generator/discriminator pair. ganpoet's processor generates
 * an implementation ({@code FooGan}) for every {@code @Discriminator} spec; hand-written pairs can
 * implement it too.
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
}
