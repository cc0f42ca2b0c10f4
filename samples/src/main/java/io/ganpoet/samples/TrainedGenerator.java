package io.ganpoet.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.Checkpoints;
import io.ganpoet.train.ExperimentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A run directory's generator, restored from its last checkpoint, for sampling and evaluation. */
final class TrainedGenerator implements AutoCloseable {

    final GanModel model;
    final ExperimentConfig config;
    final int epoch;
    private final NDManager manager;
    private final Block generator;
    private final ParameterStore store;

    private TrainedGenerator(GanModel model, ExperimentConfig config, int epoch, NDManager manager, Block generator) {
        this.model = model;
        this.config = config;
        this.epoch = epoch;
        this.manager = manager;
        this.generator = generator;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Restores the generator of a run's newest checkpoint, after verifying it; the model and
     * settings come from the checkpoint's own config.yaml.
     */
    static TrainedGenerator load(Path run) throws IOException {
        Checkpoints checkpoints = new Checkpoints(run.resolve("checkpoints"));
        Checkpoints.Saved saved = checkpoints.readLatest().orElseThrow(() -> new IOException(
                run + ": not a finished ganpoet run (no checkpoint under " + run.resolve("checkpoints") + ")"));
        ExperimentConfig config =
                ExperimentConfig.parse(saved.configYaml(), saved.directory().resolve("config.yaml").toString(), AppConfig.SCHEMA);
        GanModel model = Models.named(config.text("model"));
        NDManager manager = NDManager.newBaseManager();
        try {
            Block generator = model.newGenerator();
            generator.initialize(manager, DataType.FLOAT32, model.latentShape(1));
            int epoch = checkpoints.loadNetworks(Map.of("generator", generator), manager).position().epoch();
            return new TrainedGenerator(model, config, epoch, manager, generator);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Images in [-1, 1] for latents {@code z}, batch norm in inference mode. */
    NDArray generate(NDArray z) {
        return generator.forward(store, new NDList(z), false).singletonOrThrow();
    }

    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
