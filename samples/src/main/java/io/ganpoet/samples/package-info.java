/**
 * The {@code ganpoet} command-line app: training, sampling, evaluation and the shipped Fashion-MNIST
 * slice and classifier.
 */
package io.ganpoet.samples;
