package io.ganpoet.processor.model;

/**
 * A spec the processor generates a model from. One kind today ({@link DiscriminatorSpec}: a GAN);
 * an encoder (autoencoder/VAE) and a conditional GAN are new kinds, each handled through {@link
 * Visitor} so a stage cannot forget one.
 */
public sealed interface ModelSpec permits DiscriminatorSpec {

    /** The spec's package ({@code ""} for the unnamed package). */
    String packageName();

    /** The spec interface's simple name. */
    String interfaceName();

    /** The stack the spec declares. */
    StackSpec stack();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R gan(DiscriminatorSpec spec);
    }
}
