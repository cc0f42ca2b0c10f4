/**
 * The sample specs the processor turns into the app's models (DCGAN, Fashion, faces, conditional, VAE, lecture).
 */
package io.ganpoet.samples.specs;
