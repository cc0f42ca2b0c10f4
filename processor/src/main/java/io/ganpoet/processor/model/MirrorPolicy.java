package io.ganpoet.processor.model;

import io.ganpoet.spec.Activation;
import io.ganpoet.spec.Generator.BatchNormPolicy;

/**
 * How {@code Mirror} turns an analysed stack into the network that inverts it: a GAN's generator
 * from {@code @Generator}, later an autoencoder's decoder.
 *
 * @param className the generated class of the mirrored network
 * @param role what the mirrored network is, for its Javadoc: {@code "generator"}, {@code "decoder"}
 * @param suffix appended to a mirrored layer's name: {@code conv1} → {@code conv1Mirror}
 * @param hidden activation of every layer but the output
 * @param output activation of the output layer
 * @param slope slope or alpha for the activations that take one
 * @param batchNorm where batch norm goes
 * @param bias whether mirrored layers have a bias
 */
public record MirrorPolicy(
        String className,
        String role,
        String suffix,
        Activation hidden,
        Activation output,
        float slope,
        BatchNormPolicy batchNorm,
        boolean bias) {}
