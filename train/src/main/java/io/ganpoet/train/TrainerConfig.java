package io.ganpoet.train;

import ai.djl.Device;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.optimizer.Optimizer;
import io.ganpoet.train.config.ExperimentConfig;
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
 * What every ganpoet trainer is built from besides its model and data, configured the way DJL's
 * {@code DefaultTrainingConfig} is: an experiment (the keys the builder is not given), devices, an
 * optimizer per network (any DJL {@link Optimizer}), an initializer, listeners and where progress
 * goes. {@link GanTrainingConfig} and {@link AutoencoderTrainingConfig} add their model and data.
 */
public abstract class TrainerConfig {

    private final ExperimentConfig experiment;
    private final Customization custom;
    private final PrintStream out;
    private final boolean terminal;

    /**
     * Takes the common settings from a builder.
     *
     * @param b the builder
     */
    protected TrainerConfig(Builder<?> b) {
        this.experiment = b.devices.isEmpty()
                ? b.experiment
                : b.experiment.withOverrides(List.of("device=" + b.devices), "the trainer's devices");
        this.custom = new Customization(b.optimizers, b.initializer, b.listeners);
        this.out = b.out;
        this.terminal = b.terminal;
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

    /**
     * The settings every trainer's builder shares; every {@code opt} method may be left out.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {
        private final String kind;
        private final List<String> networks;
        private ExperimentConfig experiment = ExperimentConfig.defaults();
        private String devices = "";
        private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();
        private Optional<Initializer> initializer = Optional.empty();
        private final List<RunListener> listeners = new ArrayList<>();
        private PrintStream out;
        private boolean terminal;

        /**
         * Starts a builder for a model of networks with these names.
         *
         * @param kind what the model is, for messages ("a GAN")
         * @param networks the networks an optimizer may be given for
         */
        protected Builder(String kind, List<String> networks) {
            this.kind = kind;
            this.networks = List.copyOf(networks);
        }

        /**
         * Returns this builder as its concrete type.
         *
         * @return this builder
         */
        protected abstract B self();

        /**
         * Takes every setting the builder is not given from an experiment.
         *
         * @param config the experiment (YAML, or {@code ExperimentConfig.defaults().withOverrides(...)})
         * @return this builder
         */
        public B optExperiment(ExperimentConfig config) {
            this.experiment = Objects.requireNonNull(config, "config");
            return self();
        }

        /**
         * Trains on these devices, data-parallel when there are several (the experiment's {@code device}).
         *
         * @param devices CPU, or one or more GPUs
         * @return this builder
         */
        public B optDevices(Device... devices) {
            if (devices.length == 0) {
                throw new IllegalArgumentException("optDevices needs at least one device");
            }
            this.devices = Arrays.stream(devices)
                    .map(d -> d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu")
                    .collect(Collectors.joining(","));
            return self();
        }

        /**
         * Trains one network with this optimizer instead of the Adam of {@code optimizer.<network>.*}.
         *
         * @param network one of the model's networks (e.g. {@code generator}, {@code encoder})
         * @param optimizer any DJL optimizer, used only by this trainer
         * @return this builder
         */
        public B optOptimizer(String network, Optimizer optimizer) {
            if (!networks.contains(network)) {
                throw new IllegalArgumentException(
                        "no network '" + network + "' in " + kind + "; give an optimizer for one of " + networks);
            }
            optimizers.put(network, Objects.requireNonNull(optimizer, "optimizer"));
            return self();
        }

        /**
         * Initialises every network's weights with this initializer instead of the {@code init} key's.
         *
         * @param initializer a DJL initializer
         * @return this builder
         */
        public B optInitializer(Initializer initializer) {
            this.initializer = Optional.of(Objects.requireNonNull(initializer, "initializer"));
            return self();
        }

        /**
         * Hangs listeners on the loop, told after the run directory's own (metrics, plots, pictures).
         *
         * @param more the listeners
         * @return this builder
         */
        public B addListeners(RunListener... more) {
            for (RunListener l : more) {
                listeners.add(Objects.requireNonNull(l, "listener"));
            }
            return self();
        }

        /**
         * Prints progress to a stream (a bar when it is a terminal) instead of logging it through SLF4J.
         *
         * @param out where progress goes
         * @param terminal whether {@code out} is an interactive terminal
         * @return this builder
         */
        public B optProgress(PrintStream out, boolean terminal) {
            this.out = Objects.requireNonNull(out, "out");
            this.terminal = terminal;
            return self();
        }
    }
}
