package io.ganpoet.samples;

import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.GanTrainer;
import io.ganpoet.train.GanTrainingConfig;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.report.ProgressPrinter;
import io.ganpoet.train.run.RunDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ganpoet train}: spec + data + config → run directory. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a GAN and leave a run directory (metrics.csv, sample grids, GIF, plots, checkpoints).",
            "With no options: the Fashion-MNIST DCGAN on the slice shipped with ganpoet, a few minutes on 2 CPU cores.",
            "A run directory that holds a checkpoint is resumed with the settings it was started with;",
            "only keys marked 'may change on resume' below may differ (recorded in its resume-log.yaml)."
        },
        footer = {"", "Config keys (YAML, or --set key=value):"})
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            description =
                    "Spec to train: fashion, fashion-conditional, faces or dcgan (default: the config's, else fashion).")
    String model;

    @Mixin
    RunOptions options = new RunOptions();

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        options.checkPaths();
        RunDirectory directory = options.run != null ? RunDirectory.open(options.run) : null;
        try {
            ExperimentConfig cfg = loadConfig(directory);
            directory =
                    RunStart.orNew(directory, Models.named(cfg.text("model")).name());
            Path dir = directory.directory();
            // Every check that can refuse comes before anything is written.
            List<RunDirectory.Change> changes = directory.checkResume(cfg);
            if (RunStart.complete(directory, cfg, "train", out)) {
                return 0;
            }
            GanModel gan = Models.named(cfg.text("model"));
            ImageSet images = GanRuns.loadData(cfg, gan);
            out.println("data: " + images.describe());
            RunStart.resuming(directory, changes, out);
            long resumedStep =
                    directory.checkpoint().map(saved -> saved.position().step()).orElse(0L);
            GanTrainer trainer = GanTrainer.create(
                    GanTrainingConfig.builder(gan, images)
                            .optClassNames(GanRuns.classNames(cfg, gan, images))
                            .optExperiment(cfg)
                            .optProgress(out, ProgressPrinter.isTerminal())
                            .build(),
                    directory);
            directory = null; // the trainer owns it now
            return train(trainer, gan, cfg, dir, resumedStep, out);
        } finally {
            if (directory != null) {
                directory.close();
            }
        }
    }

    private int train(
            GanTrainer created, GanModel gan, ExperimentConfig cfg, Path dir, long resumedStep, PrintStream out)
            throws IOException {
        StopOnSignal signal = StopOnSignal.install();
        try (GanTrainer trainer = created) {
            trainer.addListener(new EndOfGanRun(trainer, gan, cfg, dir, resumedStep, out));
            int status = TrainingFailures.fit("train", dir, out, () -> trainer.fit(signal::requested));
            if (status != 0) {
                return status;
            }
        } finally {
            signal.close();
        }
        out.println("run directory: " + dir.toAbsolutePath());
        return 0;
    }

    private ExperimentConfig loadConfig(RunDirectory directory) throws IOException {
        return options.load(
                directory, model, () -> GanRuns.shippedConfig(model != null ? model : "fashion"), ModelKinds.GAN);
    }
}
