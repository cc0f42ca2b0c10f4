package io.ganpoet.samples;

import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.HeldOut;
import io.ganpoet.train.data.IdxReader;
import io.ganpoet.train.data.ImageFolderReader;
import io.ganpoet.train.data.ImageSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the app knows about its autoencoder runs: the shipped configs and which data a config names. */
final class AutoencoderRuns {

    private AutoencoderRuns() {}

    /** The config shipped for {@code denoise} or {@code vae}. */
    static ExperimentConfig shippedConfig(String command) throws IOException {
        String resource = "/io/ganpoet/samples/configs/" + command + ".yaml";
        try (InputStream in = AutoencoderRuns.class.getResourceAsStream(resource)) {
            return ExperimentConfig.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "samples " + command + ".yaml",
                    AppConfig.SCHEMA);
        }
    }

    /**
     * Training and held-out images: the shipped Fashion slice's train and t10k files, an IDX
     * directory's (t10k, else the last tenth of train), or a folder's last tenth.
     */
    static HeldOut loadData(ExperimentConfig cfg, AutoencoderModel ae) throws IOException {
        DataSettings data = DataSettings.from(cfg);
        int limit = data.limit();
        ImageSet train;
        ImageSet test = null;
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
                train = ImageFolderReader.read(
                        data.folder(),
                        (int) ae.imageShape().get(1),
                        (int) ae.imageShape().get(0),
                        limit);
        }
        if (limit > 0) {
            train = train.head(limit);
        }
        return test == null ? HeldOut.lastTenth(train) : new HeldOut(train, test);
    }

    /** Prints the held-out figures and keeps them in {@code figures.txt}. */
    static void writeFigures(List<String> lines, Path dir, java.io.PrintStream out) throws IOException {
        lines.forEach(out::println);
        Path file = dir.resolve("figures.txt");
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw io.ganpoet.train.run.FileErrors.naming(file, e);
        }
    }

    /** The {@code data:} line: training and held-out images, and what the listing passed over. */
    static String describe(HeldOut sets) {
        String passed = sets.train().skipped().describe();
        return String.format(
                "data: %d training images from %s; %d held-out images from %s%s",
                sets.train().count(),
                sets.train().origin(),
                sets.heldOut().count(),
                sets.heldOut().origin(),
                passed.isEmpty() ? "" : "; " + passed);
    }
}
