package io.ganpoet.samples;

import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.data.IdxReader;
import io.ganpoet.train.data.ImageDataset;
import io.ganpoet.train.data.ImageFolderReader;
import io.ganpoet.train.GanTrainer;
import ai.djl.TrainingDivergedException;
import io.ganpoet.train.Checkpoints;
import io.ganpoet.train.ExperimentConfig;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ganpoet train}: spec + data + config → run directory. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a GAN and leave a run directory (metrics.csv, sample grids, GIF, plots, checkpoints).",
            "With no options: the Fashion-MNIST DCGAN on the slice shipped with ganpoet, a few minutes on 2 CPU cores.",
            "A run directory that holds a checkpoint is resumed."
        },
        footer = {"", "Config keys (YAML, or --set key=value):"})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Spec to train: fashion, faces or dcgan (default: the config's, else fashion).")
    String model;

    @Option(names = "--config", paramLabel = "FILE", description = "Experiment YAML (default: the model's config shipped in samples).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Training images: an IDX directory (MNIST layout) or a folder of images.")
    Path data;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g. --set epochs=10 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--epochs", description = "Shorthand for --set epochs=N.")
    Integer epochs;

    @Option(names = "--device", description = "Shorthand for --set device=D: auto, cpu, gpu or gpu:N.")
    String device;

    @Option(names = "--run", paramLabel = "DIR", description = "Run directory (default: runs/<model>-<time>); resumed if it holds a checkpoint.")
    Path run;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        ExperimentConfig cfg = loadConfig();
        GanModel gan = Models.named(cfg.text("model"));
        ImageDataset images = loadData(cfg, gan);
        Path dir = run != null ? run : Path.of("runs", gan.name().toLowerCase(Locale.ROOT) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        out.printf("data: %d images from %s%n", images.count(), images.origin());
        long start = System.nanoTime();
        try (GanTrainer trainer = GanTrainer.create(gan, images, cfg, dir)) {
            long stepsDone = trainer.fit().step();
            double seconds = (System.nanoTime() - start) / 1e9;
            long trained = (stepsDone - resumedStep) * trainer.info().batchSize();
            out.printf(Locale.ROOT, "speed: %.0f images/s over %.0f s; peak memory: %s%n",
                    trained / seconds, seconds, RunStats.peakMemory());
            if (gan.name().equals("Fashion") && cfg.integer("eval.fd_samples") > 0) {
                ImageDataset real = realForFrechet(cfg);
                FashionFrechet.Result fd = FashionFrechet.evaluate(trainer.manager(), trainer.step()::sample,
                        gan.latentShape(), real, cfg.integer("eval.fd_samples"), cfg.integer("seed"));
                if (fd != null) {
                    String line = String.format(Locale.ROOT,
                            "Frechet distance (FashionClassifier features): %.2f, %d generated vs %d real images from %s",
                            fd.distance(), fd.generated(), fd.real(), fd.realOrigin());
                    out.println(line);
                    Files.writeString(dir.resolve("fd.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8);
                }
            }
        } catch (TrainingDivergedException e) {
            System.err.println("training stopped: " + e.getMessage());
            return 3;
        }
        out.println("run directory: " + dir.toAbsolutePath());
        return 0;
    }

    /** Steps completed before this invocation (resuming), for the images/s figure. */
    private long resumedStep;

    private ExperimentConfig loadConfig() throws IOException {
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
        java.util.Optional<Checkpoints.Saved> saved =
                run == null ? java.util.Optional.empty() : new Checkpoints(run.resolve("checkpoints")).readLatest();
        if (saved.isPresent() && config == null) {
            // Resume with the settings the checkpoint itself recorded (verified with it).
            base = ExperimentConfig.parse(saved.get().configYaml(),
                    saved.get().directory().resolve("config.yaml").toString(), AppConfig.SCHEMA);
            resumedStep = saved.get().position().step();
        } else if (config != null) {
            base = ExperimentConfig.load(config, AppConfig.SCHEMA);
        } else {
            String name = model != null ? model : "fashion";
            base = shippedConfig(name);
        }
        return base.withOverrides(sets);
    }

    static ExperimentConfig shippedConfig(String name) throws IOException {
        String resource = "/io/ganpoet/samples/configs/" + name + ".yaml";
        try (InputStream in = TrainCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                Models.named(name); // names the unknown model
                return AppConfig.defaults().withOverrides(List.of("model=" + name));
            }
            return ExperimentConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "samples " + name + ".yaml",
                    AppConfig.SCHEMA);
        }
    }

    static ImageDataset loadData(ExperimentConfig cfg, GanModel gan) throws IOException {
        String kind = cfg.text("data.kind");
        Path path = Path.of(cfg.text("data.path"));
        int limit = cfg.integer("data.limit");
        ImageDataset images;
        switch (kind) {
            case "embedded":
                if (!gan.name().equals("Fashion")) {
                    throw new IllegalArgumentException(
                            "data.kind embedded is the Fashion-MNIST slice, for the fashion model only; give " + gan.name()
                                    + " images with --data DIR");
                }
                images = FashionData.embedded("train");
                break;
            case "idx":
                images = IdxReader.readDirectory(path, "train");
                break;
            default:
                long channels = gan.imageShape().get(0);
                images = ImageFolderReader.read(path, (int) gan.imageShape().get(1), (int) channels, limit);
        }
        return limit > 0 ? images.head(limit) : images;
    }

    /** Real images the generator is compared with: test images, never the training ones. */
    static ImageDataset realForFrechet(ExperimentConfig cfg) throws IOException {
        if (cfg.text("data.kind").equals("idx")) {
            Path dir = Path.of(cfg.text("data.path"));
            try {
                return IdxReader.readDirectory(dir, "t10k");
            } catch (IOException e) {
                return IdxReader.readDirectory(dir, "train");
            }
        }
        return FashionData.embedded("t10k");
    }
}
