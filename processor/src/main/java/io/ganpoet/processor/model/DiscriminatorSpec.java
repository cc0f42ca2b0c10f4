package io.ganpoet.processor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code @Discriminator} interface read into plain values: everything later stages need, nothing
 * of javac.
 *
 * @param packageName the spec's package ({@code ""} for the unnamed package)
 * @param interfaceName the spec interface's simple name
 * @param stack the image shape and the blocks
 * @param latent generator latent size
 * @param generator the {@code @Generator} settings
 * @param conditioning the class count and label embedding; {@link ConditioningSpec#none()} when unconditional
 */
public record DiscriminatorSpec(
        String packageName,
        String interfaceName,
        StackSpec stack,
        int latent,
        GeneratorSpec generator,
        ConditioningSpec conditioning)
        implements ModelSpec {

    /** An unconditional spec from its parts as the annotations spell them. */
    public static DiscriminatorSpec of(
            String packageName,
            String interfaceName,
            int channels,
            int height,
            int width,
            int latent,
            GeneratorSpec generator,
            List<ConvBlockSpec> convBlocks,
            List<DenseBlockSpec> denseBlocks) {
        return of(packageName, interfaceName, channels, height, width, latent, generator, ConditioningSpec.none(),
                convBlocks, denseBlocks);
    }

    /** The spec from its parts as the annotations spell them. */
    public static DiscriminatorSpec of(
            String packageName,
            String interfaceName,
            int channels,
            int height,
            int width,
            int latent,
            GeneratorSpec generator,
            ConditioningSpec conditioning,
            List<ConvBlockSpec> convBlocks,
            List<DenseBlockSpec> denseBlocks) {
        List<BlockSpec> blocks = new ArrayList<>(convBlocks);
        blocks.addAll(denseBlocks);
        StackSpec stack =
                new StackSpec(
                        new long[] {channels, height, width},
                        List.of(
                                Location.discriminator("channels"),
                                Location.discriminator("height"),
                                Location.discriminator("width")),
                        blocks);
        return new DiscriminatorSpec(packageName, interfaceName, stack, latent, generator, conditioning);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.gan(this);
    }

    public List<ConvBlockSpec> convBlocks() {
        return stack.convBlocks();
    }

    public List<DenseBlockSpec> denseBlocks() {
        return stack.denseBlocks();
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

    /** The three generated classes' simple names: discriminator, generator, holder. */
    public List<String> generatedClassNames() {
        return List.of(discriminatorClassName(), generatorClassName(), holderClassName());
    }

    /** The image shape {@code (C, H, W)}. */
    public TensorShape imageShape() {
        return stack.inputShape();
    }
}
