/**
 * Weight averaging: an exponential moving average of a network's parameters ({@link
 * io.ganpoet.train.ema.WeightAverage}), kept beside the trained network and checkpointed with it, read from
 * the {@code ema.*} keys ({@link io.ganpoet.train.ema.AverageSettings}).
 */
package io.ganpoet.train.ema;
