package io.ganpoet.samples;

import io.ganpoet.train.loop.Position;
import ai.djl.TrainingDivergedException;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.samples.autoencoders.AutoencoderModels;
import io.ganpoet.train.AutoencoderTrainer;
import io.ganpoet.train.run.Checkpoints;
import io.ganpoet.train.run.FileErrors;
import io.ganpoet.train.run.RunDirectory;
import io.ganpoet.train.loop.TrainingStoppedException;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.IdxReader;
import io.ganpoet.train.data.ImageDataset;
import io.ganpoet.train.data.ImageFolderReader;
import io.ganpoet.train.report.Progress;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
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

    @Option(names = "--eval-images", defaultValue = "1000", description = "Held-out images for the figures at the end (default: ${DEFAULT-VALUE}).")
    int evalImages;

    /** {@code denoise} or {@code vae}: the shipped config's name. */
    abstract String command();

    /** Whether the command trains variational models. */
    abstract boolean variational();

    private ModelKinds kind() {
        return variational() ? ModelKinds.VARIATIONAL_AUTOENCODER : ModelKinds.AUTOENCODER;
    }

    /** Prints and returns the held-out figures, and writes pictures to the run directory. */
    abstract List<String> figures(AutoencoderTrainer trainer, ImageDataset heldOut, ExperimentConfig cfg, Path dir)
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
            if (directory == null) {
                directory = RunDirectory.open(Path.of("runs", ae.name().toLowerCase(Locale.ROOT) + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
            }
            Path dir = directory.directory();
            // Every check that can refuse comes before anything is written.
            List<RunDirectory.Change> changes = directory.checkResume(cfg);
            if (directory.complete(cfg)) {
                Position at = directory.checkpoint().orElseThrow().position();
                out.printf("%s has trained %s, all of the %d asked for; nothing to train, nothing changed."
                        + " To train further: ganpoet %s --run %s --epochs %d%n",
                        dir, RunDirectory.trained(at), cfg.integer("epochs"), command(), dir, at.epoch() + 1);
                return 0;
            }
            ImageDataset[] sets = loadData(cfg, ae);
            ImageDataset train = sets[0];
            ImageDataset heldOut = sets[1];
            String passed = train.skipped().describe();
            out.printf("data: %d training images from %s; %d held-out images from %s%s%n", train.count(), train.origin(),
                    heldOut.count(), heldOut.origin(), passed.isEmpty() ? "" : "; " + passed);
            directory.checkpoint().ifPresent(saved -> out.printf("resuming %s after %s%s%n", dir,
                    RunDirectory.trained(saved.position()), changes.isEmpty() ? ""
                            : "; changed (recorded in " + RunDirectory.RESUME_LOG + "): " + changes.stream()
                                    .map(RunDirectory.Change::toString).collect(Collectors.joining(", "))));
            AutoencoderTrainer trainer = AutoencoderTrainer.create(ae, train, heldOut, cfg, directory, out, Progress.isTerminal());
            directory = null; // the trainer owns it now
            return train(trainer, heldOut, cfg, dir, out);
        } finally {
            if (directory != null) {
                directory.close();
            }
        }
    }

    private int train(AutoencoderTrainer created, ImageDataset heldOut, ExperimentConfig cfg, Path dir, PrintStream out)
            throws IOException {
        StopOnSignal signal = StopOnSignal.install();
        try (AutoencoderTrainer trainer = created) {
            long start = System.nanoTime();
            try {
                trainer.fit(signal::requested);
            } catch (TrainingStoppedException e) {
                out.println("interrupted: " + e.getMessage() + (e.checkpoint().isPresent()
                        ? ". Resume with: ganpoet " + command() + " --run " + dir
                        : "; " + dir + " was not kept"));
                out.flush();
                return 130;
            } catch (TrainingDivergedException e) {
                System.err.println("ganpoet " + command() + ": training stopped: " + e.getMessage());
                return 3;
            } catch (IOException e) {
                Optional<Path> latest = new Checkpoints(dir.resolve("checkpoints")).latest();
                System.err.println("ganpoet " + command() + ": training stopped: " + FileErrors.describe(e)
                        + (latest.isPresent() ? ". The newest checkpoint " + latest.get() + " is intact; once the cause is"
                                + " fixed, resume with: ganpoet " + command() + " --run " + dir : ""));
                return 1;
            }
            out.printf(Locale.ROOT, "trained in %.0f s; peak memory: %s%n", (System.nanoTime() - start) / 1e9,
                    RunStats.peakMemory());
            List<String> lines = figures(trainer, heldOut, cfg, dir);
            lines.forEach(out::println);
            Path file = dir.resolve("figures.txt");
            try {
                Files.write(file, lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw FileErrors.naming(file, e);
            }
        } finally {
            signal.close();
        }
        out.println("run directory: " + dir.toAbsolutePath());
        return 0;
    }

    static void writePng(BufferedImage image, Path file) throws IOException {
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        }
    }

    private ExperimentConfig loadConfig(RunDirectory directory) throws IOException {
        return options.load(directory, model, () -> {
            String resource = "/io/ganpoet/samples/configs/" + command() + ".yaml";
            try (InputStream in = AutoencoderCommand.class.getResourceAsStream(resource)) {
                return ExperimentConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "samples " + command() + ".yaml", AppConfig.SCHEMA);
            }
        }, kind());
    }

    /**
     * Training and held-out images: the shipped Fashion slice's train and t10k files, an IDX
     * directory's (t10k, else the last tenth of train), or a folder's last tenth.
     */
    static ImageDataset[] loadData(ExperimentConfig cfg, AutoencoderModel ae) throws IOException {
        DataSettings data = DataSettings.from(cfg);
        int limit = data.limit();
        ImageDataset train;
        ImageDataset test = null;
        switch (data.kind()) {
            case "embedded":
                if (!ae.imageShape().equals(new ai.djl.ndarray.types.Shape(1, 28, 28))) {
                    throw new IllegalArgumentException("data.kind embedded is the 1×28×28 Fashion-MNIST slice; give "
                            + ae.name() + " images with --data DIR");
                }
                train = FashionData.embedded("train");
                test = FashionData.embedded("t10k");
                break;
            case "idx":
                train = IdxReader.readDirectory(data.folder(), "train");
                try {
                    test = IdxReader.readDirectory(data.folder(), "t10k");
                } catch (IOException e) {
                    test = null;
                }
                break;
            default:
                train = ImageFolderReader.read(data.folder(), (int) ae.imageShape().get(1), (int) ae.imageShape().get(0), limit);
        }
        if (limit > 0) {
            train = train.head(limit);
        }
        if (test == null) {
            ImageDataset[] split = split(train);
            train = split[0];
            test = split[1];
        }
        return new ImageDataset[] {train, test};
    }

    /** The first nine tenths and the last tenth. */
    private static ImageDataset[] split(ImageDataset all) {
        int keep = all.count() - Math.max(1, all.count() / 10);
        int[] tail = new int[all.count() - keep];
        for (int i = 0; i < tail.length; i++) {
            tail[i] = keep + i;
        }
        byte[] pixels;
        try (NDManager m = NDManager.newBaseManager()) {
            float[] values = all.batch(m, tail).add(1f).mul(127.5f).round().toFloatArray();
            pixels = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                pixels[i] = (byte) (int) values[i];
            }
        }
        return new ImageDataset[] {all.head(keep),
                new io.ganpoet.train.data.InMemoryImages(pixels, null, all.imageShape(), all.origin() + " (last " + tail.length + ", held out)")};
    }
}
