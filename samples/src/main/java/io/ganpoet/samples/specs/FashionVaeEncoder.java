package io.ganpoet.samples.specs;

import static io.ganpoet.spec.Activation.RELU;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Decoder;
import io.ganpoet.spec.DenseBlock;
import io.ganpoet.spec.Encoder;
import io.ganpoet.spec.Generator.BatchNormPolicy;

/**
 * A small VAE for Fashion-MNIST: conv 1→16, 16→32 (4×4, stride 2, padding 1, ReLU: 28 → 14 → 7),
 * a dense layer of 128 (ReLU), then Gaussian heads of 6. The processor generates {@code
 * FashionVaeEncoderBlock}, {@code FashionVaeDecoderBlock} (latent 6, dense 128, a projection to
 * 32×7×7 and stride-2 transposed convolutions back to 1×28×28, sigmoid last) and {@code
 * FashionVaeAutoencoder}. Strided convolutions cost a quarter of a stride-1 convolution and a pool,
 * which pays for the dense layer and for 14 epochs; a latent of 6 is one the encodings can fill
 * (docs/NOTES.md, issue 23).
 */
@Encoder(
        channels = 1,
        height = 28,
        width = 28,
        variational = true,
        latent = 6,
        decoder = @Decoder(batchNorm = BatchNormPolicy.NONE, bias = true))
@ConvBlock(filters = 16, kernel = 4, stride = 2, padding = 1, activation = RELU)
@ConvBlock(filters = 32, kernel = 4, stride = 2, padding = 1, activation = RELU)
@DenseBlock(units = 128, activation = RELU)
public interface FashionVaeEncoder {}
