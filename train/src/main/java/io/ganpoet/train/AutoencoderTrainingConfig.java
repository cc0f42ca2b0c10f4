package io.ganpoet.train;

import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.train.data.ImageSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link AutoencoderTrainer} is built from: the autoencoder or VAE and its data, then
 * the settings every trainer shares ({@link TrainerConfig.Builder}: experiment, devices, an optimizer
 * per network, initializer, listeners, progress) and the images the progress pictures show.
 *
 * <pre>{@code
 * AutoencoderTrainingConfig config = AutoencoderTrainingConfig.builder(new FashionVaeAutoencoder(), images)
 *         .optPictures(heldOut)
 *         .optOptimizer("decoder", Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build())
 *         .build();
 * try (AutoencoderTrainer trainer = AutoencoderTrainer.create(config, Path.of("runs/vae"))) {
 *     trainer.fit();
 * }
 * }</pre>
 */
public final class AutoencoderTrainingConfig extends TrainerConfig {

    /** The networks of an autoencoder, the names optimizers are given under. */
    public static final List<String> NETWORKS = List.of("encoder", "decoder");

    private final AutoencoderModel model;
    private final ImageSet data;
    private final ImageSet pictures;

    private AutoencoderTrainingConfig(Builder b) {
        super(b);
        this.model = b.model;
        this.data = b.data;
        this.pictures = b.pictures.orElse(b.data);
    }

    /**
     * Starts a configuration.
     *
     * @param model the autoencoder (a generated {@code FooAutoencoder}, or hand-written)
     * @param data the training images, shaped as the model's images
     * @return the builder
     */
    public static Builder builder(AutoencoderModel model, ImageSet data) {
        return new Builder(Objects.requireNonNull(model, "model"), Objects.requireNonNull(data, "data"));
    }

    AutoencoderModel model() {
        return model;
    }

    ImageSet data() {
        return data;
    }

    ImageSet pictures() {
        return pictures;
    }

    /** Builds an {@link AutoencoderTrainingConfig}; every {@code opt} method may be left out. */
    public static final class Builder extends TrainerConfig.Builder<Builder> {
        private final AutoencoderModel model;
        private final ImageSet data;
        private Optional<ImageSet> pictures = Optional.empty();

        private Builder(AutoencoderModel model, ImageSet data) {
            super("an autoencoder", NETWORKS);
            this.model = model;
            this.data = data;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Shows the reconstructions of these images (their first ones) in the progress pictures
         * instead of the training images': held-out ones, ideally.
         *
         * @param images shaped as the model's images
         * @return this builder
         */
        public Builder optPictures(ImageSet images) {
            this.pictures = Optional.of(Objects.requireNonNull(images, "images"));
            return this;
        }

        /**
         * Returns the configuration.
         *
         * @return the configuration
         */
        public AutoencoderTrainingConfig build() {
            return new AutoencoderTrainingConfig(this);
        }
    }
}
