package io.ganpoet.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.run.GeneratorSampler;
import io.ganpoet.runtime.run.RunKindException;
import io.ganpoet.runtime.run.TrainedRun;
import io.ganpoet.train.config.ExperimentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run directory's generator for the app's commands: the runtime's {@link GeneratorSampler}
 * (newest verified checkpoint, safe against a trainer rotating checkpoints), plus what only the app
 * knows: which model a run's {@code model} key names, and the names of its classes.
 */
final class TrainedGenerator implements AutoCloseable {

    final GanModel model;
    final ExperimentConfig config;
    final int epoch;
    /** The names of the classes (a conditional run), from the data its config names; empty when unknown. */
    final java.util.List<String> classNames;

    private final GeneratorSampler sampler;

    private TrainedGenerator(
            GanModel model, ExperimentConfig config, GeneratorSampler sampler, java.util.List<String> classNames) {
        this.model = model;
        this.classNames = classNames;
        this.config = config;
        this.epoch = sampler.run().epoch();
        this.sampler = sampler;
    }

    /**
     * Restores the generator of a run's newest checkpoint, after verifying it; the model and
     * settings come from the checkpoint's own config.yaml.
     *
     * @throws IOException "no such run", a run of another kind (named), or a damaged checkpoint
     */
    static TrainedGenerator load(Path run) throws IOException {
        return load(run, false);
    }

    /**
     * As {@link #load(Path)}; {@code raw} loads the trained weights even where the checkpoint holds their average
     * (which is loaded otherwise).
     */
    static TrainedGenerator load(Path run, boolean raw) throws IOException {
        TrainedRun opened = TrainedRun.open(run);
        try {
            opened.requireKind(TrainedRun.Kind.GAN);
        } catch (RunKindException e) {
            throw new IOException(
                    e.getMessage()
                            + (e.actual() == TrainedRun.Kind.AUTOENCODER
                                    ? "; 'ganpoet denoise' and 'ganpoet vae' use autoencoder runs"
                                    : ""),
                    e);
        }
        GanModel model = Models.named(config(opened).text("model"));
        GeneratorSampler sampler = raw ? opened.rawGenerator(model) : opened.generator(model);
        try {
            ExperimentConfig config = config(sampler.run());
            java.util.List<String> classNames = model.classes() > 0 ? classNames(config, model) : java.util.List.of();
            return new TrainedGenerator(model, config, sampler, classNames);
        } catch (RuntimeException e) {
            sampler.close();
            throw e;
        }
    }

    private static ExperimentConfig config(TrainedRun run) {
        return ExperimentConfig.parse(
                run.configYaml(), run.checkpoint().resolve("config.yaml").toString(), AppConfig.SCHEMA);
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
                        ? io.ganpoet.train.data.ImageFolderReader.read(
                                        folder,
                                        (int) model.imageShape().get(1),
                                        (int) model.imageShape().get(0),
                                        0)
                                .classNames()
                        : java.util.List.of();
            }
            return GanRuns.isFashion(model)
                    ? io.ganpoet.train.data.IdxReader.FASHION_MNIST_CLASSES
                    : java.util.List.of();
        } catch (IOException | RuntimeException e) {
            return java.util.List.of(); // rows are then named "class k"
        }
    }

    /**
     * Images in [-1, 1] for latents {@code z}, batch norm in inference mode; a conditional model
     * draws every class equally often (labels 0, 1, …, 0, 1, …).
     */
    NDArray generate(NDArray z) {
        return sampler.generate(z);
    }

    /** Images of the given classes {@code (N)} for latents {@code z} (a conditional model). */
    NDArray generate(NDArray z, NDArray labels) {
        return sampler.generate(z, labels);
    }

    /** The class names, or {@code class k} where the run has none. */
    java.util.List<String> rowNames() {
        return io.ganpoet.train.gan.ClassNames.rowNames(model.classes(), classNames);
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
                throw new IllegalArgumentException(
                        "class " + index + " is outside 0.." + (classes - 1) + " (" + String.join(", ", names) + ")");
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
                    throw new IllegalArgumentException(
                            "'" + nameOrIndex + "' matches both " + names.get(found) + " and " + names.get(k));
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

    /** Which weights were loaded, for output lines: {@code averaged weights} or {@code raw weights}. */
    String weights() {
        return sampler.averaged() ? "averaged weights" : "raw weights";
    }

    /** Whether the weights loaded are the average of the generator's weights over training. */
    boolean averaged() {
        return sampler.averaged();
    }

    NDManager manager() {
        return sampler.model().getNDManager();
    }

    @Override
    public void close() {
        sampler.close();
    }
}
