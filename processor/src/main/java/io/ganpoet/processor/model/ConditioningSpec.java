package io.ganpoet.processor.model;

/**
 * The {@code classes} and {@code labelEmbedding} of a {@code @Discriminator}: whether the pair is
 * conditioned on class labels, and how wide the generator's label embedding is.
 *
 * @param classes number of classes; 0 for an unconditional pair (may be invalid as written)
 * @param labelEmbedding width of the label embedding joined to the generator's latent
 */
public record ConditioningSpec(int classes, int labelEmbedding) {

    /** {@code @Discriminator}'s default {@code labelEmbedding}. */
    public static final int DEFAULT_LABEL_EMBEDDING = 16;

    /** An unconditional pair, both attributes at their defaults. */
    public static ConditioningSpec none() {
        return new ConditioningSpec(0, DEFAULT_LABEL_EMBEDDING);
    }

    /** Whether the spec asks for a conditional pair (any non-zero count, valid or not). */
    public boolean conditional() {
        return classes != 0;
    }
}
