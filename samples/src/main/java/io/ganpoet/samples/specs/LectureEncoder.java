package io.ganpoet.samples.specs;

import static io.ganpoet.spec.Activation.RELU;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Decoder;
import io.ganpoet.spec.Encoder;
import io.ganpoet.spec.Generator.BatchNormPolicy;

/**
 * The lecture's denoising autoencoder for 1×28×28 images: conv 1→32, 32→16, 16→8, each 3×3 with
 * padding 1, ReLU and max-pool 2 (28 → 14 → 7 → 3: the last pool floors 7 to 3). The processor
 * generates {@code LectureEncoderBlock}, the mirrored {@code LectureDecoderBlock} (8×3×3 → 16×7×7 →
 * 32×14×14 → 1×28×28 exactly, by un-pooling and output padding; sigmoid last) and {@code
 * LectureAutoencoder}. As the lecture's model: biases, no batch norm.
 */
@Encoder(channels = 1, height = 28, width = 28, decoder = @Decoder(batchNorm = BatchNormPolicy.NONE, bias = true))
@ConvBlock(filters = 32, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
@ConvBlock(filters = 16, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
@ConvBlock(filters = 8, kernel = 3, padding = 1, activation = RELU, maxPool = 2)
public interface LectureEncoder {}
