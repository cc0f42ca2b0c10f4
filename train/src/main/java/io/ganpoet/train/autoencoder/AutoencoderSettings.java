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
 * @param mmd the weight of a VAE's maximum mean discrepancy between its batch's latents and as many
 *     draws from the prior N(0, I) (InfoVAE, Zhao et al. 2017); 0 = none
 */
public record AutoencoderSettings(ReconstructionLoss loss, float noiseStd, float beta, float mmd) {

    /**
     * Checks the weights.
     *
     * @throws IllegalArgumentException when the noise, beta or the MMD weight is negative
     * @param loss the reconstruction loss
     * @param noiseStd σ of the input noise, 0 for a plain autoencoder
     * @param beta the weight of a VAE's KL term
     * @param mmd the weight of a VAE's MMD term, 0 for none
     */
    public AutoencoderSettings {
        if (noiseStd < 0 || beta < 0 || mmd < 0) {
            throw new IllegalArgumentException("noise_std, beta and mmd must not be negative");
        }
    }

    /**
     * Settings without an MMD term.
     *
     * @param loss the reconstruction loss
     * @param noiseStd σ of the input noise, 0 for a plain autoencoder
     * @param beta the weight of a VAE's KL term
     */
    public AutoencoderSettings(ReconstructionLoss loss, float noiseStd, float beta) {
        this(loss, noiseStd, beta, 0f);
    }

    /**
     * Reads the {@code autoencoder.*} and {@code vae.*} keys.
     *
     * @param config the experiment
     * @return the settings
     */
    public static AutoencoderSettings from(ExperimentConfig config) {
        return new AutoencoderSettings(
                ReconstructionLoss.fromName(config.text("autoencoder.loss")),
                (float) config.real("autoencoder.noise_std"),
                (float) config.real("vae.beta"),
                (float) config.real("vae.mmd"));
    }
}
