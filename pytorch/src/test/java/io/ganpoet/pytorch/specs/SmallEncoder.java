package io.ganpoet.pytorch.specs;

import static io.ganpoet.spec.Activation.RELU;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Decoder;
import io.ganpoet.spec.Encoder;
import io.ganpoet.spec.Generator.BatchNormPolicy;

/** The lecture's autoencoder in miniature: max pools in, upsampling out. */
@Encoder(channels = 1, height = 12, width = 12, decoder = @Decoder(batchNorm = BatchNormPolicy.NONE, bias = true))
@ConvBlock(filters = 4, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
@ConvBlock(filters = 2, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
public interface SmallEncoder {}
