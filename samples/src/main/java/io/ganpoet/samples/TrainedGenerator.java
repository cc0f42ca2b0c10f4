package io.ganpoet.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.Checkpoints;
import io.ganpoet.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A run directory's generator, restored from its last checkpoint, for sampling and evaluation. */
final class TrainedGenerator implements AutoCloseable {

    final GanModel model;
    final TrainingConfig config;
    final int epoch;
    private final NDManager manager;
    private final Block generator;
    private final ParameterStore store;

    private TrainedGenerator(GanModel model, TrainingConfig config, int epoch, NDManager manager, Block generator) {
        this.model = model;
        this.config = config;
        this.epoch = epoch;
        this.manager = manager;
        this.generator = generator;
        this.store = new ParameterStore(manager, false);
    }

    static TrainedGenerator load(Path run) throws IOException {
        Path configFile = run.resolve("config.yaml");
        Path checkpoint = run.resolve("checkpoints/last.ckpt");
        if (!Files.isRegularFile(configFile) || !Files.isRegularFile(checkpoint)) {
            throw new IOException(run + ": not a finished ganpoet run (needs config.yaml and checkpoints/last.ckpt)");
        }
        TrainingConfig config = TrainingConfig.load(configFile);
        GanModel model = Models.named(config.text("model"));
        NDManager manager = NDManager.newBaseManager();
        try {
            Block generator = model.newGenerator();
            generator.initialize(manager, DataType.FLOAT32, model.latentShape(1));
            int epoch = new Checkpoints(checkpoint).loadNetworks(Map.of("generator", generator), manager).epoch();
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
