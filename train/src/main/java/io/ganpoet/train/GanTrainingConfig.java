package io.ganpoet.train;

import ai.djl.Device;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.optimizer.Optimizer;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.loop.RunListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

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
public final class GanTrainingConfig {

    /** The networks of a GAN, the names optimizers are given under. */
    public static final List<String> NETWORKS = List.of("generator", "discriminator");

    private final GanModel model;
    private final ImageSet data;
    private final List<String> classNames;
    private final ExperimentConfig experiment;
    private final Customization custom;
    private final PrintStream out;
    private final boolean terminal;

    private GanTrainingConfig(Builder b) {
        this.model = b.model;
        this.data = b.data;
        this.classNames = b.classNames.orElse(b.data.classNames());
        this.experiment = b.devices.isEmpty()
                ? b.experiment
                : b.experiment.withOverrides(List.of("device=" + b.devices), "the trainer's devices");
        this.custom = new Customization(b.optimizers, b.initializer, b.listeners);
        this.out = b.out;
        this.terminal = b.terminal;
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

    /**
     * The experiment the run records, devices applied.
     *
     * @return the experiment
     */
    public ExperimentConfig experiment() {
        return experiment;
    }

    Customization custom() {
        return custom;
    }

    PrintStream out() {
        return out;
    }

    boolean terminal() {
        return terminal;
    }

    /** Builds a {@link GanTrainingConfig}; every {@code opt} method may be left out. */
    public static final class Builder {
        private final GanModel model;
        private final ImageSet data;
        private ExperimentConfig experiment = ExperimentConfig.defaults();
        private Optional<List<String>> classNames = Optional.empty();
        private String devices = "";
        private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();
        private Optional<Initializer> initializer = Optional.empty();
        private final List<RunListener> listeners = new ArrayList<>();
        private PrintStream out;
        private boolean terminal;

        private Builder(GanModel model, ImageSet data) {
            this.model = model;
            this.data = data;
        }

        /**
         * Takes every setting the builder is not given from an experiment.
         *
         * @param config the experiment (YAML, or {@code ExperimentConfig.defaults().withOverrides(...)})
         * @return this builder
         */
        public Builder optExperiment(ExperimentConfig config) {
            this.experiment = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Trains on these devices, data-parallel when there are several (the experiment's {@code device}).
         *
         * @param devices CPU, or one or more GPUs
         * @return this builder
         */
        public Builder optDevices(Device... devices) {
            if (devices.length == 0) {
                throw new IllegalArgumentException("optDevices needs at least one device");
            }
            this.devices = Arrays.stream(devices)
                    .map(d -> d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu")
                    .collect(Collectors.joining(","));
            return this;
        }

        /**
         * Trains one network with this optimizer instead of the Adam of {@code optimizer.<network>.*}.
         *
         * @param network {@code generator} or {@code discriminator}
         * @param optimizer any DJL optimizer, used only by this trainer
         * @return this builder
         */
        public Builder optOptimizer(String network, Optimizer optimizer) {
            if (!NETWORKS.contains(network)) {
                throw new IllegalArgumentException(
                        "no network '" + network + "' in a GAN; give an optimizer for one of " + NETWORKS);
            }
            optimizers.put(network, Objects.requireNonNull(optimizer, "optimizer"));
            return this;
        }

        /**
         * Initialises every network's weights with this initializer instead of the {@code init} key's.
         *
         * @param initializer a DJL initializer
         * @return this builder
         */
        public Builder optInitializer(Initializer initializer) {
            this.initializer = Optional.of(Objects.requireNonNull(initializer, "initializer"));
            return this;
        }

        /**
         * Hangs listeners on the loop, told after the run directory's own (metrics, plots, pictures).
         *
         * @param more the listeners
         * @return this builder
         */
        public Builder addListeners(RunListener... more) {
            for (RunListener l : more) {
                listeners.add(Objects.requireNonNull(l, "listener"));
            }
            return this;
        }

        /**
         * Prints progress to a stream (a bar when it is a terminal) instead of logging it through SLF4J.
         *
         * @param out where progress goes
         * @param terminal whether {@code out} is an interactive terminal
         * @return this builder
         */
        public Builder optProgress(PrintStream out, boolean terminal) {
            this.out = Objects.requireNonNull(out, "out");
            this.terminal = terminal;
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
