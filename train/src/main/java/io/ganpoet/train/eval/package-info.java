/**
 * Evaluation: the Fréchet distance between generated and real images in a feature network's space.
 */
package io.ganpoet.train.eval;
