/**
 * Autoencoders, denoising autoencoders and VAEs: their steps, reconstruction losses, the {@code
 * autoencoder.*} / {@code vae.*} settings and the pixel-range and picture helpers they share.
 */
package io.ganpoet.train.autoencoder;
