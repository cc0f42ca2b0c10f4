package io.ganpoet.pytorch.specs;

import static io.ganpoet.spec.Activation.RELU;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Decoder;
import io.ganpoet.spec.Encoder;
import io.ganpoet.spec.Generator.BatchNormPolicy;

/** The Fashion VAE in miniature: Gaussian heads at the end of the encoder. */
@Encoder(
        channels = 1,
        height = 12,
        width = 12,
        variational = true,
        latent = 4,
        decoder = @Decoder(batchNorm = BatchNormPolicy.NONE, bias = true))
@ConvBlock(filters = 4, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
@ConvBlock(filters = 8, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
public interface SmallVaeEncoder {}
