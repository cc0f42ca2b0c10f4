package io.ganpoet.train.loop;

import io.ganpoet.train.config.ExperimentConfig;

/**
 * How the loop runs, read once from the configuration.
 *
 * @param epochs passes over the data
 * @param batchSize images per step, split evenly over the devices
 * @param stepsPerEpoch cap on steps per epoch; 0 = one full pass
 * @param seed seeds initialisation, data order and noise
 * @param checkpointEverySteps also checkpoint every N steps; 0 = at epoch ends only
 */
public record LoopSettings(int epochs, int batchSize, int stepsPerEpoch, long seed, int checkpointEverySteps) {

    /**
     * Reads the loop's keys ({@code epochs}, {@code batch_size}, ...).
     *
     * @param config the experiment
     * @return the settings
     */
    public static LoopSettings from(ExperimentConfig config) {
        return new LoopSettings(
                config.integer("epochs"),
                config.integer("batch_size"),
                config.integer("steps_per_epoch"),
                config.integer("seed"),
                config.integer("checkpoint.every_steps"));
    }
}
