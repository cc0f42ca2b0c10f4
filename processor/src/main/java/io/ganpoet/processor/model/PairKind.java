package io.ganpoet.processor.model;

/**
 * The kinds of "a stack and its mirror" the processor generates, and the words each one uses: a GAN
 * (a {@code @Discriminator} stack mirrored into a generator) and an autoencoder (an {@code @Encoder}
 * stack mirrored into a decoder). Conditional GANs and VAEs are these kinds with labels or Gaussian
 * heads; everything else about a pair (analysis, names, writers) is shared.
 *
 * @param annotation the spec annotation, as messages write it
 * @param mirrorAnnotation the nested annotation configuring the mirror
 * @param stackRole what the spec's own network is, in Javadoc and layer tables
 * @param mirrorRole what the mirrored network is
 * @param interfaceSuffix the suffix dropped from a spec interface's name to get its base name
 * @param holderSuffix appended to the base name for the holder class
 * @param specTarget where the spec annotation's attributes are reported
 * @param mirrorTarget where the mirror annotation's attributes are reported
 */
public record PairKind(
        String annotation,
        String mirrorAnnotation,
        String stackRole,
        String mirrorRole,
        String interfaceSuffix,
        String holderSuffix,
        Location.Target specTarget,
        Location.Target mirrorTarget) {

    public static final PairKind GAN = new PairKind(
            "@Discriminator",
            "@Generator",
            "discriminator",
            "generator",
            "Discriminator",
            "Gan",
            Location.Target.DISCRIMINATOR,
            Location.Target.GENERATOR);

    public static final PairKind AUTOENCODER = new PairKind(
            "@Encoder",
            "@Decoder",
            "encoder",
            "decoder",
            "Encoder",
            "Autoencoder",
            Location.Target.ENCODER,
            Location.Target.DECODER);

    /** Where the spec annotation's {@code attribute} is written. */
    public Location specAt(String attribute) {
        return new Location(specTarget, -1, attribute);
    }

    /** Where the mirror annotation's {@code attribute} is written. */
    public Location mirrorAt(String attribute) {
        return new Location(mirrorTarget, -1, attribute);
    }

    /** The mirror's name option as a user writes it: {@code @Generator(name = ...)}. */
    public String nameOption() {
        return mirrorAnnotation + "(name = ...)";
    }

    /** {@code Discriminator} → {@code Generator}: a role with a capital, for class names and headings. */
    static String capitalized(String role) {
        return Character.toUpperCase(role.charAt(0)) + role.substring(1);
    }
}
