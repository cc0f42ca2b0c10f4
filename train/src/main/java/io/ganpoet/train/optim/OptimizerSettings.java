package io.ganpoet.train.optim;

import ai.djl.training.tracker.Tracker;
import io.ganpoet.train.config.ExperimentConfig;

/**
 * One network's Adam settings, from the configuration's {@code optimizer.<network>.*} keys.
 *
 * @param learningRate the learning rate
 * @param beta1 first-moment decay (0.5 for GANs, after the DCGAN paper)
 * @param beta2 second-moment decay
 */
public record OptimizerSettings(double learningRate, double beta1, double beta2) {

    /**
     * Reads {@code optimizer.<network>.*}.
     *
     * @param config the experiment
     * @param network {@code generator}, {@code discriminator}, {@code encoder} or {@code decoder}
     * @return the settings
     */
    public static OptimizerSettings from(ExperimentConfig config, String network) {
        String prefix = "optimizer." + network + ".";
        return new OptimizerSettings(
                config.real(prefix + "lr"), config.real(prefix + "beta1"), config.real(prefix + "beta2"));
    }

    /**
     * A DJL optimizer with these settings whose state a checkpoint saves.
     *
     * @return the optimizer
     */
    public ResumableAdam toOptimizer() {
        return ResumableAdam.builder()
                .optLearningRateTracker(Tracker.fixed((float) learningRate))
                .optBeta1((float) beta1)
                .optBeta2((float) beta2)
                .build();
    }
}
