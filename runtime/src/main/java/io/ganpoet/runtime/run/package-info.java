/**
 * Finished runs, without the training libraries: {@link io.ganpoet.runtime.run.TrainedRun} opens a
 * run directory at its newest verified checkpoint (safe against a trainer still rotating
 * checkpoints), {@link io.ganpoet.runtime.run.GeneratorSampler} draws from its generator, and
 * {@link io.ganpoet.runtime.run.GeneratorTranslator} serves it the DJL way (a {@code ZooModel} and
 * {@code Predictor}s). {@link io.ganpoet.runtime.run.CheckpointManifest} is the manifest check the
 * trainer writes for and every reader runs.
 */
package io.ganpoet.runtime.run;
