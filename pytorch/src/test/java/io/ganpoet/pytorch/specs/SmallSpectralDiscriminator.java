package io.ganpoet.pytorch.specs;

import static io.ganpoet.spec.Activation.ELU;
import static io.ganpoet.spec.Activation.GELU;
import static io.ganpoet.spec.Activation.LEAKY_RELU;
import static io.ganpoet.spec.Activation.NONE;
import static io.ganpoet.spec.Activation.SOFTPLUS;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.DenseBlock;
import io.ganpoet.spec.Discriminator;

/**
 * The rest of the op set: spectrally normalised and dilated convolutions, a dense block with batch norm, and the
 * activations the other specs do not use; a score output (no sigmoid).
 */
@Discriminator(channels = 2, height = 16, width = 16, latent = 6)
@ConvBlock(filters = 4, kernel = 3, stride = 2, padding = 1, spectralNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 6, kernel = 3, padding = 2, dilation = 2, spectralNorm = true, activation = ELU)
@ConvBlock(filters = 8, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = GELU)
@DenseBlock(units = 10, batchNorm = true, activation = SOFTPLUS)
@DenseBlock(units = 1, activation = NONE)
public interface SmallSpectralDiscriminator {}
