package io.ganpoet.pytorch.specs;

import static io.ganpoet.spec.Activation.LEAKY_RELU;
import static io.ganpoet.spec.Activation.SIGMOID;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Discriminator;

/**
 * The PyTorch DCGAN tutorial's discriminator for 3×64×64 images. Its mirror with latent 100 is the
 * tutorial's generator: 2,765,568 and 3,576,704 trainable parameters.
 */
@Discriminator(channels = 3, height = 64, width = 64, latent = 100)
@ConvBlock(filters = 64, kernel = 4, stride = 2, padding = 1, bias = false, activation = LEAKY_RELU)
@ConvBlock(filters = 128, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 256, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 512, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 1, kernel = 4, bias = false, activation = SIGMOID)
public interface DcganDiscriminator {}
