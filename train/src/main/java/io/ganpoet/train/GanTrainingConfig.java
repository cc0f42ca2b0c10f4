package io.ganpoet.train;

import ai.djl.training.optimizer.Optimizer;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link GanTrainer} is built from, configured the way DJL's {@code
 * DefaultTrainingConfig} is: the model and data, then optional devices, an optimizer per network
 * (any DJL {@link Optimizer}), an initializer, listeners and where progress goes. An {@link
 * ExperimentConfig} (YAML or {@code --set}) is one way to fill it; whatever the builder is not
 * given comes from the experiment's keys (by default, every key at its default).
 *
 * <pre>{@code
 * GanTrainingConfig config = GanTrainingConfig.builder(new FashionGan(), images)
 *         .optOptimizer("generator", Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build())
 *         .addListeners(myListener)
 *         .build();
 * try (GanTrainer trainer = GanTrainer.create(config, Path.of("runs/mine"))) {
 *     trainer.fit();
 * }
 * }</pre>
 *
 * <p>A run directory records the experiment ({@code config.yaml}), not a custom optimizer or
 * initializer, and checkpoints only the state of ganpoet's resumable optimizers: a run trained
 * with a custom optimizer resumes with fresh optimizer state unless it is given the same one.
 */
public final class GanTrainingConfig extends TrainerConfig {

    /** The networks of a GAN, the names optimizers are given under. */
    public static final List<String> NETWORKS = List.of("generator", "discriminator");

    private final GanModel model;
    private final ImageSet data;
    private final List<String> classNames;

    private GanTrainingConfig(Builder b) {
        super(b);
        this.model = b.model;
        this.data = b.data;
        this.classNames = b.classNames.orElse(b.data.classNames());
    }

    /**
     * Starts a configuration.
     *
     * @param model the pair (a generated {@code FooGan}, or hand-written)
     * @param data the training images, shaped as the model's images
     * @return the builder
     */
    public static Builder builder(GanModel model, ImageSet data) {
        return new Builder(Objects.requireNonNull(model, "model"), Objects.requireNonNull(data, "data"));
    }

    GanModel model() {
        return model;
    }

    ImageSet data() {
        return data;
    }

    List<String> classNames() {
        return classNames;
    }

    /** Builds a {@link GanTrainingConfig}; every {@code opt} method may be left out. */
    public static final class Builder extends TrainerConfig.Builder<Builder> {
        private final GanModel model;
        private final ImageSet data;
        private Optional<List<String>> classNames = Optional.empty();

        private Builder(GanModel model, ImageSet data) {
            super("a GAN", NETWORKS);
            this.model = model;
            this.data = data;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Names the data's classes for the rows of a conditional model's sample grids (default: the
         * data's own names).
         *
         * @param names one per class index
         * @return this builder
         */
        public Builder optClassNames(List<String> names) {
            this.classNames = Optional.of(List.copyOf(names));
            return this;
        }

        /**
         * Returns the configuration.
         *
         * @return the configuration
         */
        public GanTrainingConfig build() {
            return new GanTrainingConfig(this);
        }
    }
}
