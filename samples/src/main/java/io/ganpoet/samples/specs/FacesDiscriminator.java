package io.ganpoet.samples.specs;

import static io.ganpoet.spec.Activation.LEAKY_RELU;
import static io.ganpoet.spec.Activation.SIGMOID;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Discriminator;

/**
 * The lecture's 128×128 face GAN: five stride-2 blocks with batch norm and LeakyReLU(0.2), then a
 * 4×4 head; latent 200. Trainable on any image folder resized to 128×128.
 */
@Discriminator(channels = 3, height = 128, width = 128, latent = 200)
@ConvBlock(filters = 64, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 64, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 128, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 256, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 512, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 1, kernel = 4, bias = false, activation = SIGMOID)
public interface FacesDiscriminator {}
