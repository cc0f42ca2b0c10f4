/**
 * Optimizers whose state a checkpoint saves and a resume restores ({@link io.ganpoet.train.optim.ResumableAdam}).
 */
package io.ganpoet.train.optim;
