package io.ganpoet.samples;

import io.ganpoet.train.ExperimentConfig;
import io.ganpoet.train.RunDirectory;
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

    @Option(names = "--config", paramLabel = "FILE", description = "Experiment YAML (default: the model's config shipped in samples).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Training images: an IDX directory (MNIST layout) or a folder of images.")
    Path data;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g. --set epochs=10 (repeatable; text keys take VALUE as written).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--epochs", description = "Shorthand for --set epochs=N.")
    Integer epochs;

    @Option(names = "--device", description = "Shorthand for --set device=D: auto, cpu, gpu or gpu:N.")
    String device;

    @Option(names = "--run", paramLabel = "DIR", description = "Run directory (default: runs/<model>-<time>); resumed if it holds a checkpoint.")
    Path run;

    /** Flags naming files are checked first, so their errors name the flag too. */
    void checkPaths() {
        if (config != null && !Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--config " + config + ": " + (Files.isDirectory(config)
                    ? "is a directory" : "no such file") + "; give an experiment YAML file (train --help lists its keys)");
        }
        if (data != null && !Files.exists(data)) {
            throw new IllegalArgumentException("--data " + data
                    + ": no such directory; give an IDX directory (MNIST layout) or a folder of images");
        }
        if (run != null && Files.exists(run) && !Files.isDirectory(run)) {
            throw new IllegalArgumentException("--run " + run
                    + " is a file; give a new directory, or an existing run directory to resume it");
        }
    }

    /**
     * @param directory the opened run directory, or {@code null} for a new one in the default place
     * @param model the {@code --model} flag, or {@code null}
     * @param shipped the config of a new run without {@code --config}
     */
    ExperimentConfig load(RunDirectory directory, String model, ShippedConfig shipped) throws IOException {
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
        if (config != null) {
            base = ExperimentConfig.load(config, AppConfig.SCHEMA);
        } else if (directory != null && directory.checkpoint().isPresent()) {
            // A resume starts from the settings the checkpoint recorded; RunDirectory.checkResume
            // then refuses any change the run cannot take.
            base = directory.recordedConfig(AppConfig.SCHEMA);
        } else {
            base = shipped.load();
        }
        return base.withOverrides(sets, "command line");
    }
}
