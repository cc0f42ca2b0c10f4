package io.ganpoet.processor.model;

import java.util.List;

/**
 * A {@code @Discriminator} interface read into plain values: everything later stages need, nothing
 * of javac.
 *
 * @param packageName the spec's package ({@code ""} for the unnamed package)
 * @param interfaceName the spec interface's simple name
 * @param channels image channels
 * @param height image height
 * @param width image width
 * @param latent generator latent size
 */
public record DiscriminatorSpec(
        String packageName,
        String interfaceName,
        int channels,
        int height,
        int width,
        int latent,
        GeneratorSpec generator,
        List<ConvBlockSpec> convBlocks,
        List<DenseBlockSpec> denseBlocks) {

    public DiscriminatorSpec {
        convBlocks = List.copyOf(convBlocks);
        denseBlocks = List.copyOf(denseBlocks);
    }

    /** The interface name without a trailing {@code Discriminator}: {@code Foo} for {@code FooDiscriminator}. */
    public String baseName() {
        String suffix = "Discriminator";
        if (interfaceName.endsWith(suffix) && interfaceName.length() > suffix.length()) {
            return interfaceName.substring(0, interfaceName.length() - suffix.length());
        }
        return interfaceName;
    }

    public String discriminatorClassName() {
        return baseName() + "DiscriminatorBlock";
    }

    public String generatorClassName() {
        return generator.name().isEmpty() ? baseName() + "GeneratorBlock" : generator.name();
    }

    public String holderClassName() {
        return baseName() + "Gan";
    }

    /** The image shape {@code (C, H, W)}. */
    public TensorShape imageShape() {
        return TensorShape.of(channels, height, width);
    }
}
