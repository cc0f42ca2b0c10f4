package io.ganpoet.samples.specs;

import static io.ganpoet.spec.Activation.LEAKY_RELU;
import static io.ganpoet.spec.Activation.SIGMOID;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Discriminator;

/**
 * {@link FashionDiscriminator}'s layers conditioned on Fashion-MNIST's ten classes: the processor
 * generates {@code FashionConditionalDiscriminatorBlock} (ten one-hot label maps joined to the image),
 * {@code FashionConditionalGeneratorBlock} (a learned 16-wide label embedding joined to the 64-wide
 * latent) and {@code FashionConditionalGan}, whose {@code classes()} is 10.
 */
@Discriminator(channels = 1, height = 28, width = 28, latent = 64, classes = 10, labelEmbedding = 16)
@ConvBlock(filters = 32, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)
@ConvBlock(filters = 64, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 1, kernel = 7, bias = false, activation = SIGMOID)
public interface FashionConditionalDiscriminator {}
