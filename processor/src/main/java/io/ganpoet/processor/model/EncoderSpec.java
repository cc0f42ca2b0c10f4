package io.ganpoet.processor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code @Encoder} interface read into plain values: an autoencoder (or VAE) whose decoder is
 * the encoder's mirror.
 *
 * @param packageName the spec's package ({@code ""} for the unnamed package)
 * @param interfaceName the spec interface's simple name
 * @param stack the image shape and the blocks
 * @param variational whether the encoder ends in Gaussian heads
 * @param latent the heads' size (0 when not set)
 * @param decoder the {@code @Decoder} settings
 */
public record EncoderSpec(
        String packageName, String interfaceName, StackSpec stack, boolean variational, int latent, DecoderSpec decoder)
        implements ModelSpec {

    /** The name of the layer holding a variational encoder's heads. */
    public static final String HEADS = "heads";

    /** The spec from its parts as the annotations spell them. */
    public static EncoderSpec of(
            String packageName,
            String interfaceName,
            int channels,
            int height,
            int width,
            boolean variational,
            int latent,
            DecoderSpec decoder,
            List<ConvBlockSpec> convBlocks,
            List<DenseBlockSpec> denseBlocks) {
        List<BlockSpec> blocks = new ArrayList<>(convBlocks);
        blocks.addAll(denseBlocks);
        StackSpec stack =
                new StackSpec(
                        new long[] {channels, height, width},
                        List.of(Location.encoder("channels"), Location.encoder("height"), Location.encoder("width")),
                        blocks);
        return new EncoderSpec(packageName, interfaceName, stack, variational, latent, decoder);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.autoencoder(this);
    }

    /** The interface name without a trailing {@code Encoder}: {@code Foo} for {@code FooEncoder}. */
    public String baseName() {
        String suffix = "Encoder";
        if (interfaceName.endsWith(suffix) && interfaceName.length() > suffix.length()) {
            return interfaceName.substring(0, interfaceName.length() - suffix.length());
        }
        return interfaceName;
    }

    public String encoderClassName() {
        return baseName() + "EncoderBlock";
    }

    public String decoderClassName() {
        return decoder.name().isEmpty() ? baseName() + "DecoderBlock" : decoder.name();
    }

    public String holderClassName() {
        return baseName() + "Autoencoder";
    }

    /** The three generated classes' simple names: encoder, decoder, holder. */
    public List<String> generatedClassNames() {
        return List.of(encoderClassName(), decoderClassName(), holderClassName());
    }

    /** The image shape {@code (C, H, W)}. */
    public TensorShape imageShape() {
        return stack.inputShape();
    }
}
