/**
 * The one training loop and what it is made of: the {@link io.ganpoet.train.loop.TrainingStep}
 * a model kind implements, named {@link io.ganpoet.train.loop.Metrics}, the shard update every
 * step shares ({@link io.ganpoet.train.loop.ShardedUpdate}), networks with their optimizer and
 * replicas ({@link io.ganpoet.train.loop.TrainableNetwork}, the parameter server), listeners,
 * positions and the checkpoint store the loop saves through. Nothing here knows about YAML, run
 * directories or reports.
 */
package io.ganpoet.train.loop;
