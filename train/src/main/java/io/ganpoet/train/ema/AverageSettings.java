package io.ganpoet.train.ema;

import io.ganpoet.train.config.ExperimentConfig;

/**
 * The {@code ema.*} keys: whether and how a generator's weights are averaged.
 *
 * @param decay how much of the average each step keeps ({@code avg = decay · avg + (1 − decay) · weights}); 0 = no
 *     average
 * @param start steps during which the average only copies the weights; averaging starts after them
 */
public record AverageSettings(double decay, long start) {

    /** No average. */
    public static final AverageSettings NONE = new AverageSettings(0, 0);

    /**
     * Checks the values (the configuration's key ranges check them too, for a config file).
     *
     * @param decay how much of the average each step keeps; 0 = no average
     * @param start steps during which the average copies the weights
     * @throws IllegalArgumentException for a decay outside [0, 1) or a negative start
     */
    public AverageSettings {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("ema.decay must be in [0, 1), got " + decay
                    + "; 0.999 averages over about the last 1,000 steps, 0 turns the average off");
        }
        if (start < 0) {
            throw new IllegalArgumentException("ema.start must be 0 or more steps, got " + start);
        }
    }

    /**
     * Reads {@code ema.decay} and {@code ema.start}.
     *
     * @param config the experiment
     * @return the settings
     */
    public static AverageSettings from(ExperimentConfig config) {
        return new AverageSettings(config.real("ema.decay"), config.integer("ema.start"));
    }

    /**
     * Whether an average is kept at all.
     *
     * @return true for a decay above 0
     */
    public boolean enabled() {
        return decay > 0;
    }
}
