/**
 * The training core: one loop ({@link io.ganpoet.train.TrainingLoop}) for every model kind, the
 * steps (GAN, autoencoder, VAE, classifier), the trainers users start from
 * ({@link io.ganpoet.train.GanTrainer}, {@link io.ganpoet.train.AutoencoderTrainer}), listeners,
 * checkpointed run directories and the experiment configuration.
 */
package io.ganpoet.train;
