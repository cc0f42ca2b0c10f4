package com.example.service;

import static io.ganpoet.spec.Activation.LEAKY_RELU;
import static io.ganpoet.spec.Activation.NONE;

import io.ganpoet.spec.ConvBlock;
import io.ganpoet.spec.Discriminator;

/** A user's conditional spec: 16×16 RGB icons of four kinds. The processor writes IconDiscriminatorBlock, IconGeneratorBlock, IconGan. */
@Discriminator(channels = 3, height = 16, width = 16, latent = 16, classes = 4, labelEmbedding = 8)
@ConvBlock(filters = 16, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)
@ConvBlock(filters = 1, kernel = 8, activation = NONE)
public interface IconDiscriminator {}
