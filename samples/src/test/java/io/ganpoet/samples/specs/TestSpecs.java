package io.ganpoet.samples.specs;

import static io.ganpoet.spec.Activation.ELU;
import static io.ganpoet.spec.Activation.GELU;
import static io.ganpoet.spec.Activation.LEAKY_RELU;
import static io.ganpoet.spec.Activation.NONE;
import static io.ganpoet.spec.Activation.RELU;
import static io.ganpoet.spec.Activation.SELU;
import static io.ganpoet.spec.Activation.SIGMOID;
import static io.ganpoet.spec.Activation.SOFTPLUS;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.DenseBlock;
import io.ganpoet.spec.Discriminator;
import io.ganpoet.spec.Generator;

/** Specs that exercise the mirror's corner cases at run time. */
final class TestSpecs {

    private TestSpecs() {}

    /** Odd, non-square sizes: the mirror needs different output padding per axis. */
    @Discriminator(channels = 2, height = 29, width = 22, latent = 12)
    @ConvBlock(filters = 6, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)
    @ConvBlock(filters = 8, kernel = 3, stride = 3, bias = false, batchNorm = true, activation = ELU)
    @ConvBlock(filters = 1, kernel = 2, activation = NONE)
    interface OddDiscriminator {}

    /** Max pools (one dropping a row), dropout, dilation, spectral norm, and a dense head. */
    @Discriminator(
            channels = 1,
            height = 15,
            width = 15,
            latent = 10,
            generator =
                    @Generator(
                            name = "PooledDecoder",
                            activation = SELU,
                            batchNorm = Generator.BatchNormPolicy.MIRROR,
                            bias = true))
    @ConvBlock(filters = 4, kernel = 3, padding = 1, activation = RELU, maxPool = 2, dropout = 0.2f)
    @ConvBlock(
            filters = 6,
            kernel = 3,
            padding = 2,
            dilation = 2,
            bias = false,
            batchNorm = true,
            activation = GELU,
            spectralNorm = true)
    @ConvBlock(filters = 6, kernel = 2, activation = SOFTPLUS, maxPool = 3)
    @DenseBlock(units = 16, activation = LEAKY_RELU, dropout = 0.1f)
    @DenseBlock(units = 1, activation = SIGMOID)
    interface PooledDiscriminator {}

    /** A patch discriminator: the generator takes a latent map. */
    @Discriminator(channels = 3, height = 16, width = 16, latent = 8)
    @ConvBlock(filters = 8, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)
    @ConvBlock(filters = 1, kernel = 3, padding = 1, activation = SIGMOID)
    interface PatchDiscriminator {}

    /** Dense blocks only. */
    @Discriminator(channels = 1, height = 6, width = 5, latent = 4)
    @DenseBlock(units = 20, activation = LEAKY_RELU, batchNorm = true, bias = false)
    @DenseBlock(units = 1, activation = NONE)
    interface MlpDiscriminator {}

    /** A conditional pair for 8×8 grey images of two classes. */
    @Discriminator(channels = 1, height = 8, width = 8, latent = 8, classes = 2, labelEmbedding = 4)
    @ConvBlock(filters = 8, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)
    @ConvBlock(
            filters = 16,
            kernel = 4,
            stride = 2,
            padding = 1,
            bias = false,
            batchNorm = true,
            activation = LEAKY_RELU)
    @ConvBlock(filters = 1, kernel = 2, activation = SIGMOID)
    interface SidesDiscriminator {}

    /** Fashion-MNIST's size with 3×3 kernels, stride 2, padding 1: 28 → 14 → 7 → 1. */
    @Discriminator(channels = 1, height = 28, width = 28, latent = 16)
    @ConvBlock(filters = 16, kernel = 3, stride = 2, padding = 1, activation = LEAKY_RELU)
    @ConvBlock(
            filters = 32,
            kernel = 3,
            stride = 2,
            padding = 1,
            bias = false,
            batchNorm = true,
            activation = LEAKY_RELU)
    @ConvBlock(filters = 1, kernel = 7, activation = SIGMOID)
    interface OddFashionDiscriminator {}

    /** A conditional patch discriminator: five classes, a 6×6 map of scores. */
    @Discriminator(channels = 1, height = 12, width = 12, latent = 6, classes = 5)
    @ConvBlock(filters = 8, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)
    @ConvBlock(filters = 1, kernel = 3, padding = 1, activation = SIGMOID)
    interface PatchConditionalDiscriminator {}
}
