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
    /** The names of the classes (a conditional run), from the data its config names; empty when unknown. */
    final java.util.List<String> classNames;
    private final NDManager manager;
    private final Block generator;
    private final ParameterStore store;

    private TrainedGenerator(GanModel model, ExperimentConfig config, int epoch, NDManager manager, Block generator,
            java.util.List<String> classNames) {
        this.model = model;
        this.classNames = classNames;
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
            generator.initialize(manager, DataType.FLOAT32, model.generatorInputShapes(1));
            int epoch = checkpoints.loadNetworks(Map.of("generator", generator), manager).position().epoch();
            java.util.List<String> classNames = model.classes() > 0 ? classNames(config, model) : java.util.List.of();
            return new TrainedGenerator(model, config, epoch, manager, generator, classNames);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The class names of a conditional run's data, from its recorded config: the shipped slice's and
     * IDX Fashion names, an image folder's sub-folders (when it is still there); else none.
     */
    private static java.util.List<String> classNames(ExperimentConfig config, GanModel model) {
        try {
            String kind = config.text("data.kind");
            if (kind.equals("folder")) {
                Path folder = Path.of(config.text("data.path"));
                return Files.isDirectory(folder)
                        ? io.ganpoet.train.data.ImageFolderReader.read(folder, (int) model.imageShape().get(1),
                                (int) model.imageShape().get(0), 0).classNames()
                        : java.util.List.of();
            }
            return TrainCommand.isFashion(model) ? io.ganpoet.train.data.IdxReader.FASHION_MNIST_CLASSES : java.util.List.of();
        } catch (IOException | RuntimeException e) {
            return java.util.List.of(); // rows are then named "class k"
        }
    }

    /**
     * Images in [-1, 1] for latents {@code z}, batch norm in inference mode; a conditional model
     * draws every class equally often (labels 0, 1, …, 0, 1, …).
     */
    NDArray generate(NDArray z) {
        if (model.classes() > 0) {
            return generate(z, io.ganpoet.train.GanStep.balancedLabels(z.getManager(), (int) z.getShape().get(0), model.classes()));
        }
        return generator.forward(store, new NDList(z), false).singletonOrThrow();
    }

    /** Images of the given classes {@code (N)} for latents {@code z} (a conditional model). */
    NDArray generate(NDArray z, NDArray labels) {
        return generator.forward(store, new NDList(z, labels), false).singletonOrThrow();
    }

    /** The class names, or {@code class k} where the run has none. */
    java.util.List<String> rowNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < model.classes(); k++) {
            names.add(k < classNames.size() ? classNames.get(k) : "class " + k);
        }
        return names;
    }

    /**
     * A class by its index or its name (case and punctuation ignored; a unique prefix will do, e.g.
     * {@code sneaker}, {@code tshirt}, {@code 7}).
     *
     * @throws IllegalArgumentException naming the known classes
     */
    int classIndex(String nameOrIndex) {
        int classes = model.classes();
        if (classes == 0) {
            throw new IllegalArgumentException(model.name() + " is unconditional: it has no classes to choose from");
        }
        java.util.List<String> names = rowNames();
        if (nameOrIndex.matches("\\d+")) {
            int index = Integer.parseInt(nameOrIndex);
            if (index >= classes) {
                throw new IllegalArgumentException("class " + index + " is outside 0.." + (classes - 1) + " (" + String.join(", ", names) + ")");
            }
            return index;
        }
        String wanted = normalise(nameOrIndex);
        int found = -1;
        for (int k = 0; k < classes; k++) {
            String name = normalise(names.get(k));
            if (name.equals(wanted)) {
                return k;
            }
            if (name.startsWith(wanted) && !wanted.isEmpty()) {
                if (found >= 0) {
                    throw new IllegalArgumentException("'" + nameOrIndex + "' matches both " + names.get(found) + " and " + names.get(k));
                }
                found = k;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("no class '" + nameOrIndex + "'; classes: " + String.join(", ", names)
                    + " (or an index 0.." + (classes - 1) + ")");
        }
        return found;
    }

    private static String normalise(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
