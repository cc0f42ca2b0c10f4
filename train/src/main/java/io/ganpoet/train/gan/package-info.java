/**
 * GANs: the adversarial step in two phases ({@link io.ganpoet.train.gan.GanStep}), the losses,
 * the {@code loss.*} settings and what the generator draws while it trains.
 */
package io.ganpoet.train.gan;
