package io.ganpoet.samples;

import io.ganpoet.train.loop.Position;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.data.IdxReader;
import io.ganpoet.train.data.ImageDataset;
import io.ganpoet.train.data.ImageFolderReader;
import io.ganpoet.train.GanTrainer;
import io.ganpoet.train.GanTrainingConfig;
import ai.djl.TrainingDivergedException;
import io.ganpoet.train.run.Checkpoints;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.run.FileErrors;
import io.ganpoet.train.run.RunDirectory;
import io.ganpoet.train.loop.TrainingStoppedException;
import io.ganpoet.train.report.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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

    @Option(names = "--model", description = "Spec to train: fashion, fashion-conditional, faces or dcgan (default: the config's, else fashion).")
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
            if (directory == null) {
                directory = RunDirectory.open(Path.of("runs", Models.named(cfg.text("model")).name().toLowerCase(Locale.ROOT)
                        + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
            }
            Path dir = directory.directory();
            // Every check that can refuse comes before anything is written.
            List<RunDirectory.Change> changes = directory.checkResume(cfg);
            if (directory.complete(cfg)) {
                Position at = directory.checkpoint().orElseThrow().position();
                out.printf("%s has trained %s, all of the %d asked for; nothing to train, nothing changed."
                        + " To train further: ganpoet train --run %s --epochs %d%n",
                        dir, RunDirectory.trained(at), cfg.integer("epochs"), dir, at.epoch() + 1);
                return 0;
            }
            GanModel gan = Models.named(cfg.text("model"));
            ImageDataset images = loadData(cfg, gan);
            out.println("data: " + images.describe());
            directory.checkpoint().ifPresent(saved -> out.printf("resuming %s after %s%s%n", dir,
                    RunDirectory.trained(saved.position()), changes.isEmpty() ? ""
                            : "; changed (recorded in " + RunDirectory.RESUME_LOG + "): " + changes.stream()
                                    .map(RunDirectory.Change::toString).collect(Collectors.joining(", "))));
            long resumedStep = directory.checkpoint().map(saved -> saved.position().step()).orElse(0L);
            GanTrainer trainer = GanTrainer.create(GanTrainingConfig.builder(gan, images).optClassNames(classNames(cfg, gan, images)).optExperiment(cfg)
                .optProgress(out, Progress.isTerminal()).build(), directory);
            directory = null; // the trainer owns it now
            return train(trainer, gan, cfg, dir, resumedStep, out);
        } finally {
            if (directory != null) {
                directory.close();
            }
        }
    }

    private int train(GanTrainer created, GanModel gan, ExperimentConfig cfg, Path dir, long resumedStep, PrintStream out)
            throws IOException {
        StopOnSignal signal = StopOnSignal.install();
        try (GanTrainer trainer = created) {
            long start = System.nanoTime();
            Position reached;
            try {
                reached = trainer.fit(signal::requested);
            } catch (TrainingStoppedException e) {
                out.println("interrupted: " + e.getMessage() + (e.checkpoint().isPresent()
                        ? ". Resume with: ganpoet train --run " + dir
                        : "; " + dir + " was not kept"));
                out.flush();
                return 130;
            } catch (TrainingDivergedException e) {
                System.err.println("ganpoet train: training stopped: " + e.getMessage());
                return 3;
            } catch (IOException e) {
                // Training started: the run stays resumable from its newest checkpoint.
                Optional<Path> latest = new Checkpoints(dir.resolve("checkpoints")).latest();
                System.err.println("ganpoet train: training stopped: " + FileErrors.describe(e)
                        + (latest.isPresent() ? ". The newest checkpoint " + latest.get() + " is intact; once the cause is"
                                + " fixed, resume with: ganpoet train --run " + dir : ""));
                return 1;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long trained = (reached.step() - resumedStep) * trainer.info().batchSize();
            out.printf(Locale.ROOT, "speed: %.0f images/s over %.0f s; peak memory: %s%n",
                    trained / seconds, seconds, RunStats.peakMemory());
            if (isFashion(gan) && cfg.integer("eval.fd_samples") > 0) {
                ImageDataset real = realForFrechet(cfg);
                // The seed and real images 'ganpoet fd RUN' uses by default: the same figure again.
                FashionFrechet.Result fd = FashionFrechet.evaluate(trainer.manager(), trainer.step().pictures()::sample,
                        gan.latentShape(), real, cfg.integer("eval.fd_samples"), cfg.integer("seed"));
                if (fd != null) {
                    String line = fd.describe(reached.epoch());
                    out.println(line);
                    Path file = dir.resolve("fd.txt");
                    try {
                        Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw FileErrors.naming(file, e);
                    }
                }
            }
            if (isFashion(gan) && gan.classes() > 0 && cfg.integer("eval.agreement_samples") > 0) {
                ClassAgreement.Result agreement = ClassAgreement.measure(trainer.manager(), trainer.step().pictures()::sample,
                        gan.latentShape(), gan.classes(), cfg.integer("eval.agreement_samples"), cfg.integer("seed"));
                if (agreement != null) {
                    String text = agreement.format(trainer.step().pictures().rowNames());
                    out.println(text);
                    Path file = dir.resolve("agreement.txt");
                    try {
                        Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw FileErrors.naming(file, e);
                    }
                }
            }
        } finally {
            signal.close();
        }
        out.println("run directory: " + dir.toAbsolutePath());
        return 0;
    }

    private ExperimentConfig loadConfig(RunDirectory directory) throws IOException {
        return options.load(directory, model, () -> shippedConfig(model != null ? model : "fashion"), ModelKinds.GAN);
    }

    static ExperimentConfig shippedConfig(String name) throws IOException {
        String resource = "/io/ganpoet/samples/configs/" + name + ".yaml";
        try (InputStream in = TrainCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                ModelKinds.GAN.require(name, null); // an autoencoder's name says which command trains it
                Models.named(name); // names the unknown model
                return AppConfig.defaults().withOverrides(List.of("model=" + name));
            }
            return ExperimentConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "samples " + name + ".yaml",
                    AppConfig.SCHEMA);
        }
    }

    /** Fashion-MNIST models: the shipped slice, FD and class agreement apply. */
    static boolean isFashion(GanModel gan) {
        return gan.name().startsWith("Fashion");
    }

    /**
     * The names of the data's classes: the data's own (sub-folder names, the slice's), Fashion-MNIST's
     * for a Fashion model on IDX files; else {@code class k}.
     */
    static List<String> classNames(ExperimentConfig cfg, GanModel gan, ImageDataset images) {
        if (!images.classNames().isEmpty()) {
            return images.classNames();
        }
        if (isFashion(gan) && cfg.text("data.kind").equals("idx")) {
            return IdxReader.FASHION_MNIST_CLASSES;
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < gan.classes(); k++) {
            names.add("class " + k);
        }
        return names;
    }

    static ImageDataset loadData(ExperimentConfig cfg, GanModel gan) throws IOException {
        DataSettings data = DataSettings.from(cfg);
        int limit = data.limit();
        ImageDataset images;
        switch (data.kind()) {
            case "embedded":
                if (!isFashion(gan)) {
                    throw new IllegalArgumentException(
                            "data.kind embedded is the Fashion-MNIST slice, for the fashion model only; give " + gan.name()
                                    + " images with --data DIR");
                }
                images = FashionData.embedded("train");
                break;
            case "idx":
                images = IdxReader.readDirectory(data.folder(), "train");
                break;
            default:
                long channels = gan.imageShape().get(0);
                images = ImageFolderReader.read(data.folder(), (int) gan.imageShape().get(1), (int) channels, limit);
        }
        return limit > 0 ? images.head(limit) : images;
    }

    /** Real images the generator is compared with: test images, never the training ones. */
    static ImageDataset realForFrechet(ExperimentConfig cfg) throws IOException {
        DataSettings data = DataSettings.from(cfg);
        if (data.kind().equals("idx")) {
            Path dir = data.folder();
            try {
                return IdxReader.readDirectory(dir, "t10k");
            } catch (IOException e) {
                return IdxReader.readDirectory(dir, "train");
            }
        }
        return FashionData.embedded("t10k");
    }
}
