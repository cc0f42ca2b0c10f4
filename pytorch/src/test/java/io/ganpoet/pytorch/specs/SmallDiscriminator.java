package io.ganpoet.pytorch.specs;

import static io.ganpoet.spec.Activation.LEAKY_RELU;
import static io.ganpoet.spec.Activation.SIGMOID;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Discriminator;

/** A DCGAN in miniature (8x8, batch norm, a sigmoid at the end): the training-equivalence tests' model. */
@Discriminator(channels = 1, height = 8, width = 8, latent = 8)
@ConvBlock(filters = 4, kernel = 4, stride = 2, padding = 1, bias = false, activation = LEAKY_RELU)
@ConvBlock(filters = 8, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 1, kernel = 2, bias = false, activation = SIGMOID)
public interface SmallDiscriminator {}
