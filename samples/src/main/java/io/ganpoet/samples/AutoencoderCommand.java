package io.ganpoet.samples;

import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.samples.autoencoders.AutoencoderModels;
import io.ganpoet.train.AutoencoderTrainer;
import io.ganpoet.train.AutoencoderTrainingConfig;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.HeldOut;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.report.ProgressPrinter;
import io.ganpoet.train.run.RunDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ganpoet denoise} and {@code ganpoet vae}: an autoencoder + data + config → run directory,
 * on the same training core, run directory and resume as {@code train}; at the end, figures on
 * held-out images (printed, and written to {@code figures.txt} and PNGs in the run directory).
 */
abstract class AutoencoderCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Autoencoder: lecture or fashion-vae (default: the config's).")
    String model;

    @Mixin
    RunOptions options = new RunOptions();

    @Option(
            names = "--eval-images",
            defaultValue = "1000",
            description = "Held-out images for the figures at the end (default: ${DEFAULT-VALUE}).")
    int evalImages;

    /** {@code denoise} or {@code vae}: the shipped config's name. */
    abstract String command();

    /** Whether the command trains variational models. */
    abstract boolean variational();

    private ModelKinds kind() {
        return variational() ? ModelKinds.VARIATIONAL_AUTOENCODER : ModelKinds.AUTOENCODER;
    }

    /** Prints and returns the held-out figures, and writes pictures to the run directory. */
    abstract List<String> figures(AutoencoderTrainer trainer, ImageSet heldOut, ExperimentConfig cfg, Path dir)
            throws IOException;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        if (evalImages < 1) {
            // Checked before training: the figures come after it, and a count below 1 would average nothing (NaN).
            throw new IllegalArgumentException("--eval-images " + evalImages
                    + ": give at least 1 held-out image for the figures at the end (default 1000)");
        }
        options.checkPaths();
        RunDirectory directory = options.run != null ? RunDirectory.open(options.run) : null;
        try {
            ExperimentConfig cfg = loadConfig(directory);
            AutoencoderModel ae = AutoencoderModels.named(cfg.text("model"));
            directory = RunStart.orNew(directory, ae.name());
            Path dir = directory.directory();
            // Every check that can refuse comes before anything is written.
            List<RunDirectory.Change> changes = directory.checkResume(cfg);
            if (RunStart.complete(directory, cfg, command(), out)) {
                return 0;
            }
            HeldOut sets = AutoencoderRuns.loadData(cfg, ae);
            ImageSet train = sets.train();
            ImageSet heldOut = sets.heldOut();
            out.println(AutoencoderRuns.describe(sets));
            RunStart.resuming(directory, changes, out);
            AutoencoderTrainer trainer = AutoencoderTrainer.create(
                    AutoencoderTrainingConfig.builder(ae, train)
                            .optPictures(heldOut)
                            .optExperiment(cfg)
                            .optProgress(out, ProgressPrinter.isTerminal())
                            .build(),
                    directory);
            directory = null; // the trainer owns it now
            return train(trainer, heldOut, cfg, dir, out);
        } finally {
            if (directory != null) {
                directory.close();
            }
        }
    }

    private int train(AutoencoderTrainer created, ImageSet heldOut, ExperimentConfig cfg, Path dir, PrintStream out)
            throws IOException {
        StopOnSignal signal = StopOnSignal.install();
        try (AutoencoderTrainer trainer = created) {
            long start = System.nanoTime();
            int status = TrainingFailures.fit(command(), dir, out, () -> trainer.fit(signal::requested));
            if (status != 0) {
                return status;
            }
            out.printf(
                    Locale.ROOT,
                    "trained in %.0f s; peak memory: %s%n",
                    (System.nanoTime() - start) / 1e9,
                    RunStats.peakMemory());
            AutoencoderRuns.writeFigures(figures(trainer, heldOut, cfg, dir), dir, out);
        } finally {
            signal.close();
        }
        out.println("run directory: " + dir.toAbsolutePath());
        return 0;
    }

    private ExperimentConfig loadConfig(RunDirectory directory) throws IOException {
        return options.load(directory, model, () -> AutoencoderRuns.shippedConfig(command()), kind());
    }
}
