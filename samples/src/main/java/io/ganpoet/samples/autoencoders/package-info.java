/**
 * The app's autoencoder models by name.
 */
package io.ganpoet.samples.autoencoders;
