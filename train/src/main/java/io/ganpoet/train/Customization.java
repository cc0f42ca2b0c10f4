package io.ganpoet.train;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.optimizer.Optimizer;
import io.ganpoet.train.loop.RunListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a trainer is given besides its experiment, as DJL's {@code DefaultTrainingConfig} takes it:
 * optimizers by network name (any DJL {@link Optimizer}), an initializer, and listeners hung on the
 * loop after the run directory's own.
 *
 * @param optimizers replaces the Adam of {@code optimizer.<name>.*} for the networks named
 * @param initializer replaces the {@code init} key's initialisation of every network's weights
 * @param listeners told after the standard reports
 */
record Customization(
        Map<String, Optimizer> optimizers, Optional<Initializer> initializer, List<RunListener> listeners) {

    /** Nothing customised: everything from the experiment. */
    static final Customization NONE = new Customization(Map.of(), Optional.empty(), List.of());

    Customization {
        optimizers = Map.copyOf(optimizers);
        listeners = List.copyOf(listeners);
    }
}
