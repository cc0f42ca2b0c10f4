/** Image classifiers: the softmax cross-entropy step (the Fashion classifier the FD uses trains with it). */
package io.ganpoet.train.classifier;
