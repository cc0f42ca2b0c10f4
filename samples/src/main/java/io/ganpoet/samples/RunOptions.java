package io.ganpoet.samples;

import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every training command shares ({@code train}, {@code denoise}, {@code vae}), and how
 * they become one configuration: the run's recorded settings when resuming, else the given or
 * shipped config, then the flags as overrides.
 */
final class RunOptions {

    /** The shipped config, for a new run without {@code --config}. */
    @FunctionalInterface
    interface ShippedConfig {
        ExperimentConfig load() throws IOException;
    }

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Experiment YAML (default: the model's config shipped in samples).")
    Path config;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Training images: an IDX directory (MNIST layout) or a folder of images.")
    Path data;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a config key, e.g. --set epochs=10 (repeatable; text keys take VALUE as written).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--epochs", description = "Shorthand for --set epochs=N.")
    Integer epochs;

    @Option(names = "--device", description = "Shorthand for --set device=D: auto, cpu, gpu or gpu:N.")
    String device;

    @Option(
            names = "--run",
            paramLabel = "DIR",
            description = "Run directory (default: runs/<model>-<time>); resumed if it holds a checkpoint.")
    Path run;

    /**
     * Flags naming files are checked first, so their errors name the flag too. An empty name is refused: the
     * JDK reads {@code Path.of("")} as the current directory, which nobody means by it.
     */
    void checkPaths() {
        requireName("--config", config, "an experiment YAML file");
        requireName("--data", data, "an IDX directory (MNIST layout) or a folder of images");
        requireName("--run", run, "a new directory, or an existing run directory to resume it");
        if (config != null && !Files.isRegularFile(config)) {
            throw new IllegalArgumentException(
                    "--config " + config + ": " + (Files.isDirectory(config) ? "is a directory" : "no such file")
                            + "; give an experiment YAML file (train --help lists its keys)");
        }
        if (data != null && !Files.exists(data)) {
            throw new IllegalArgumentException("--data " + data
                    + ": no such directory; give an IDX directory (MNIST layout) or a folder of images");
        }
        if (run != null && Files.exists(run) && !Files.isDirectory(run)) {
            throw new IllegalArgumentException(
                    "--run " + run + " is a file; give a new directory, or an existing run directory to resume it");
        }
    }

    private static void requireName(String flag, Path value, String what) {
        if (value != null && value.toString().isBlank()) {
            throw new IllegalArgumentException(flag + " \"" + value + "\": the name is empty; give " + what);
        }
    }

    /**
     * The configuration asked for, every key checked, those that go together too ({@link DataSettings}), and
     * none set that the command would ignore ({@link ModelKinds}), before anything is read or written.
     *
     * @param directory the opened run directory, or {@code null} for a new one in the default place
     * @param model the {@code --model} flag, or {@code null}
     * @param shipped the config of a new run without {@code --config}
     * @param kind what the command trains: the keys only other kinds read must stay at their defaults
     */
    ExperimentConfig load(RunDirectory directory, String model, ShippedConfig shipped, ModelKinds kind)
            throws IOException {
        List<String> sets = new ArrayList<>();
        if (model != null) {
            sets.add("model=" + model);
        }
        if (epochs != null) {
            sets.add("epochs=" + epochs);
        }
        if (device != null) {
            sets.add("device=" + device);
        }
        if (data != null) {
            sets.add("data.kind=" + (FashionData.isIdxDirectory(data) ? "idx" : "folder"));
            sets.add("data.path=" + data.toAbsolutePath());
        }
        sets.addAll(overrides);
        ExperimentConfig base;
        boolean resuming = directory != null && directory.checkpoint().isPresent();
        if (config != null) {
            base = ExperimentConfig.load(config, AppConfig.SCHEMA);
        } else if (resuming) {
            // A resume starts from the settings the checkpoint recorded; RunDirectory.checkResume
            // then refuses any change the run cannot take.
            base = directory.recordedConfig(AppConfig.SCHEMA);
        } else {
            base = shipped.load();
        }
        ExperimentConfig asked = base.withOverrides(sets, "command line");
        // Another kind's run or model first: its keys would otherwise read as settings this command ignores.
        kind.require(asked.text("model"), directory);
        DataSettings.from(asked);
        // A resume is held to what its run recorded, so a run made before this check still resumes.
        ExperimentConfig baseline = resuming ? directory.recordedConfig(AppConfig.SCHEMA) : AppConfig.defaults();
        asked.refuseUnread(kind.unreadKeys(), baseline, "ganpoet " + kind.command() + " (" + kind.article() + ")");
        return asked;
    }
}
