package com.example.service;

import static io.ganpoet.spec.Activation.LEAKY_RELU;
import static io.ganpoet.spec.Activation.SIGMOID;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Discriminator;

/** A user's spec: 32×32 RGB sketches. The processor writes SketchDiscriminatorBlock, SketchGeneratorBlock, SketchGan. */
@Discriminator(channels = 3, height = 32, width = 32, latent = 32)
@ConvBlock(filters = 16, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)
@ConvBlock(filters = 32, kernel = 4, stride = 2, padding = 1, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)
public interface SketchDiscriminator {}
