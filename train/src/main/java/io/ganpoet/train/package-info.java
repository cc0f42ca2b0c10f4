/**
 * The trainers users start from: {@link io.ganpoet.train.GanTrainer} and {@link
 * io.ganpoet.train.AutoencoderTrainer} wire a model kind's step ({@code gan}, {@code autoencoder}),
 * its data, the loop ({@code loop}), a run directory with checkpoints ({@code run}) and the
 * reports ({@code report}). This package depends on every other one; none depends on it.
 */
package io.ganpoet.train;
