package io.ganpoet.processor.model;

import java.util.List;

/**
 * An {@code @Encoder} interface read into plain values: an autoencoder, the {@link
 * PairKind#AUTOENCODER} pair, variational when {@code variational} says so.
 *
 * @param packageName the spec's package ({@code ""} for the unnamed package)
 * @param interfaceName the spec interface's simple name
 * @param stack the image shape and the blocks
 * @param variational whether the encoder ends in Gaussian heads
 * @param latent the heads' size (0 when not set)
 * @param decoder the {@code @Decoder} settings
 */
public record EncoderSpec(
        String packageName, String interfaceName, StackSpec stack, boolean variational, int latent, MirrorSpec decoder)
        implements ModelSpec {

    /** The name of the layer holding a variational encoder's heads. */
    public static final String HEADS = GeneratedNames.HEADS;

    /** The spec from its parts as the annotations spell them. */
    public static EncoderSpec of(
            String packageName,
            String interfaceName,
            int channels,
            int height,
            int width,
            boolean variational,
            int latent,
            MirrorSpec decoder,
            List<ConvBlockSpec> convBlocks,
            List<DenseBlockSpec> denseBlocks) {
        StackSpec stack = StackSpec.of(PairKind.AUTOENCODER, channels, height, width, convBlocks, denseBlocks);
        return new EncoderSpec(packageName, interfaceName, stack, variational, latent, decoder);
    }

    @Override
    public PairKind kind() {
        return PairKind.AUTOENCODER;
    }

    @Override
    public MirrorSpec mirror() {
        return decoder;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.autoencoder(this);
    }
}
