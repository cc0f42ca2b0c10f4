package io.ganpoet.train.gan;

import io.ganpoet.train.config.ExperimentConfig;

/**
 * How the adversarial game is played, read once from the configuration's {@code loss.*} keys.
 *
 * @param loss the loss
 * @param labelSmoothing one-sided: real targets become {@code 1 − s}
 * @param criticSteps discriminator steps per generator step
 * @param gradientPenalty WGAN-GP's penalty weight
 * @param sameFakeBatch whether the generator step reuses the discriminator's fake batch
 * @param fakeLabels which labels a conditional generator is asked for during training
 */
public record GanSettings(
        GanLoss loss,
        float labelSmoothing,
        int criticSteps,
        float gradientPenalty,
        boolean sameFakeBatch,
        FakeLabels fakeLabels) {

    /**
     * Settings with uniform fake labels (all an unconditional model needs).
     *
     * @param loss the adversarial loss
     * @param labelSmoothing the real label used instead of 1
     * @param criticSteps discriminator steps per generator step
     * @param gradientPenalty the WGAN-GP penalty's weight
     * @param sameFakeBatch whether the generator's step reuses the discriminator's fake batch
     */
    public GanSettings(
            GanLoss loss, float labelSmoothing, int criticSteps, float gradientPenalty, boolean sameFakeBatch) {
        this(loss, labelSmoothing, criticSteps, gradientPenalty, sameFakeBatch, FakeLabels.UNIFORM);
    }

    /**
     * Reads the {@code loss.*} keys.
     *
     * @param config the experiment
     * @return the settings
     */
    public static GanSettings from(ExperimentConfig config) {
        return new GanSettings(
                GanLoss.fromName(config.text("loss.kind")),
                (float) config.real("loss.label_smoothing"),
                config.integer("loss.n_critic"),
                (float) config.real("loss.gp_weight"),
                config.text("loss.generator_batch").equals("same"),
                FakeLabels.fromName(config.text("loss.fake_labels")));
    }
}
