package io.ganpoet.processor.model;

import java.util.List;

/**
 * A spec the processor generates a pair from: a stack and its mirror, of a {@link PairKind}. Kinds:
 * {@link DiscriminatorSpec} (a GAN, conditional or not) and {@link EncoderSpec} (an autoencoder or
 * VAE). What they share (names, the stack, the mirror's settings) lives here; what only one kind has
 * is handled through {@link Visitor}, so a stage cannot forget a kind.
 */
public sealed interface ModelSpec permits DiscriminatorSpec, EncoderSpec {

    /** The kind's words: annotations, roles, suffixes. */
    PairKind kind();

    /** The spec's package ({@code ""} for the unnamed package). */
    String packageName();

    /** The spec interface's simple name. */
    String interfaceName();

    /** The stack the spec declares. */
    StackSpec stack();

    /** The mirror's settings ({@code @Generator} or {@code @Decoder}). */
    MirrorSpec mirror();

    /** Whether the pair is conditioned on class labels. */
    default boolean conditional() {
        return false;
    }

    /** Whether the stack ends in Gaussian heads (a VAE). */
    default boolean variational() {
        return false;
    }

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R gan(DiscriminatorSpec spec);

        R autoencoder(EncoderSpec spec);
    }

    /** The interface name without the kind's suffix: {@code Foo} for {@code FooDiscriminator}. */
    default String baseName() {
        return GeneratedNames.baseName(kind(), interfaceName());
    }

    default String stackClassName() {
        return GeneratedNames.stackClass(kind(), interfaceName());
    }

    default String mirrorClassName() {
        return GeneratedNames.mirrorClass(kind(), interfaceName(), mirror().name());
    }

    default String holderClassName() {
        return GeneratedNames.holderClass(kind(), interfaceName());
    }

    /** The three generated classes' simple names: stack, mirror, holder. */
    default List<String> generatedClassNames() {
        return List.of(stackClassName(), mirrorClassName(), holderClassName());
    }

    /** The image shape {@code (C, H, W)}. */
    default TensorShape imageShape() {
        return stack().inputShape();
    }
}
