package io.ganpoet.samples.specs;

import static io.ganpoet.spec.Activation.LEAKY_RELU;
import static io.ganpoet.spec.Activation.SIGMOID;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Discriminator;

/**
 * A DCGAN for 28×28 grey images (Fashion-MNIST): two strided convolutions and a 7×7 head. The
 * processor generates {@code FashionDiscriminatorBlock}, {@code FashionGeneratorBlock} (latent 64
 * → 1×28×28) and {@code FashionGan}. Small enough to train on two CPU cores in minutes.
 */
@Discriminator(channels = 1, height = 28, width = 28, latent = 64)
@ConvBlock(filters = 32, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)
@ConvBlock(filters = 64, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 1, kernel = 7, bias = false, activation = SIGMOID)
public interface FashionDiscriminator {}
