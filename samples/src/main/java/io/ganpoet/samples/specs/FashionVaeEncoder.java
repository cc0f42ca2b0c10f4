package io.ganpoet.samples.specs;

import static io.ganpoet.spec.Activation.RELU;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Decoder;
import io.ganpoet.spec.Encoder;
import io.ganpoet.spec.Generator.BatchNormPolicy;

/**
 * A small VAE for Fashion-MNIST: conv 1→16, 16→32 (3×3, padding 1, ReLU, max-pool 2: 28 → 14 → 7),
 * then Gaussian heads of 16 on the flattened 32×7×7 map. The processor generates {@code
 * FashionVaeEncoderBlock}, {@code FashionVaeDecoderBlock} (latent 16, a projection to 32×7×7 and
 * the mirrored convolutions back to 1×28×28, sigmoid last) and {@code FashionVaeAutoencoder}.
 */
@Encoder(
        channels = 1,
        height = 28,
        width = 28,
        variational = true,
        latent = 16,
        decoder = @Decoder(batchNorm = BatchNormPolicy.NONE, bias = true))
@ConvBlock(filters = 16, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
@ConvBlock(filters = 32, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
public interface FashionVaeEncoder {}
