package io.ganpoet.train.autoencoder;

import io.ganpoet.train.config.ExperimentConfig;

/**
 * How an autoencoder is trained, read once from the configuration's {@code autoencoder.*} and
 * {@code vae.*} keys.
 *
 * @param loss the reconstruction loss
 * @param noiseStd σ of the Gaussian noise added to the encoder's input in [0, 1] (then clipped
 *     to [0, 1]); 0 = a plain autoencoder, above 0 = a denoising one
 * @param beta the weight of the KL term of a VAE (β-VAE; 1 = the ELBO)
 */
public record AutoencoderSettings(ReconstructionLoss loss, float noiseStd, float beta) {

    /**
     * Checks the weights.
     *
     * @throws IllegalArgumentException when the noise or beta is negative
     * @param loss the reconstruction loss
     * @param noiseStd σ of the input noise, 0 for a plain autoencoder
     * @param beta the weight of a VAE's KL term
     */
    public AutoencoderSettings {
        if (noiseStd < 0 || beta < 0) {
            throw new IllegalArgumentException("noise_std and beta must not be negative");
        }
    }

    /**
     * Reads the {@code autoencoder.*} keys.
     *
     * @param config the experiment
     * @return the settings
     */
    public static AutoencoderSettings from(ExperimentConfig config) {
        return new AutoencoderSettings(
                ReconstructionLoss.fromName(config.text("autoencoder.loss")),
                (float) config.real("autoencoder.noise_std"),
                (float) config.real("vae.beta"));
    }
}
