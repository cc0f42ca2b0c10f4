package io.ganpoet.pytorch.specs;

import static io.ganpoet.spec.Activation.LEAKY_RELU;
import static io.ganpoet.spec.Activation.SIGMOID;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Discriminator;

/** The Fashion conditional GAN's layout in miniature: label maps in D, a label embedding in G. */
@Discriminator(channels = 1, height = 12, width = 12, latent = 8, classes = 3, labelEmbedding = 4)
@ConvBlock(filters = 4, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)
@ConvBlock(filters = 8, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 1, kernel = 3, bias = false, activation = SIGMOID)
public interface SmallConditionalDiscriminator {}
