package io.ganpoet.processor.model;

import java.util.List;

/**
 * A {@code @Discriminator} interface read into plain values: a GAN, the {@link PairKind#GAN} pair,
 * conditional when {@code conditioning} says so.
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
        MirrorSpec generator,
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
            MirrorSpec generator,
            List<ConvBlockSpec> convBlocks,
            List<DenseBlockSpec> denseBlocks) {
        return of(
                packageName,
                interfaceName,
                channels,
                height,
                width,
                latent,
                generator,
                ConditioningSpec.none(),
                convBlocks,
                denseBlocks);
    }

    /** The spec from its parts as the annotations spell them. */
    public static DiscriminatorSpec of(
            String packageName,
            String interfaceName,
            int channels,
            int height,
            int width,
            int latent,
            MirrorSpec generator,
            ConditioningSpec conditioning,
            List<ConvBlockSpec> convBlocks,
            List<DenseBlockSpec> denseBlocks) {
        StackSpec stack = StackSpec.of(PairKind.GAN, channels, height, width, convBlocks, denseBlocks);
        return new DiscriminatorSpec(packageName, interfaceName, stack, latent, generator, conditioning);
    }

    @Override
    public PairKind kind() {
        return PairKind.GAN;
    }

    @Override
    public MirrorSpec mirror() {
        return generator;
    }

    @Override
    public boolean conditional() {
        return conditioning.conditional();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.gan(this);
    }
}
