package io.ganpoet.processor.model;

/**
 * A spec the processor generates a model from. Kinds: {@link DiscriminatorSpec} (a GAN) and {@link
 * EncoderSpec} (an autoencoder or VAE); a conditional GAN would be another kind, each handled through {@link
 * Visitor} so a stage cannot forget one.
 */
public sealed interface ModelSpec permits DiscriminatorSpec, EncoderSpec {

    /** The spec's package ({@code ""} for the unnamed package). */
    String packageName();

    /** The spec interface's simple name. */
    String interfaceName();

    /** The stack the spec declares. */
    StackSpec stack();

    /** The simple names of the classes generated from the spec. */
    java.util.List<String> generatedClassNames();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R gan(DiscriminatorSpec spec);

        R autoencoder(EncoderSpec spec);
    }
}
