package io.ganpoet.samples;

import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.IdxReader;
import io.ganpoet.train.data.ImageFolderReader;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.gan.ClassNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** What the app knows about its GAN runs: the shipped configs, which data a config names, class names, Fashion models. */
final class GanRuns {

    private GanRuns() {}

    static ExperimentConfig shippedConfig(String name) throws IOException {
        String resource = "/io/ganpoet/samples/configs/" + name + ".yaml";
        try (InputStream in = GanRuns.class.getResourceAsStream(resource)) {
            if (in == null) {
                ModelKinds.GAN.require(name, null); // an autoencoder's name says which command trains it
                Models.named(name); // names the unknown model
                return AppConfig.defaults().withOverrides(List.of("model=" + name));
            }
            return ExperimentConfig.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "samples " + name + ".yaml",
                    AppConfig.SCHEMA);
        }
    }

    /**
     * Fashion-MNIST models (the registry's, by class, not by name): the shipped slice, the FD and the
     * class agreement apply to them.
     */
    static boolean isFashion(GanModel gan) {
        return gan instanceof io.ganpoet.samples.specs.FashionGan
                || gan instanceof io.ganpoet.samples.specs.FashionConditionalGan
                || gan instanceof FashionProjectionGan;
    }

    /**
     * The names of the data's classes: the data's own (sub-folder names, the slice's), Fashion-MNIST's
     * for a Fashion model on IDX files; else {@code class k}.
     */
    static List<String> classNames(ExperimentConfig cfg, GanModel gan, ImageSet images) {
        if (!images.classNames().isEmpty()) {
            return images.classNames();
        }
        if (isFashion(gan) && cfg.text("data.kind").equals("idx")) {
            return IdxReader.FASHION_MNIST_CLASSES;
        }
        return ClassNames.rowNames(gan.classes(), List.of());
    }

    static ImageSet loadData(ExperimentConfig cfg, GanModel gan) throws IOException {
        DataSettings data = DataSettings.from(cfg);
        int limit = data.limit();
        ImageSet images;
        switch (data.kind()) {
            case "embedded":
                if (!isFashion(gan)) {
                    throw new IllegalArgumentException(
                            "data.kind embedded is the Fashion-MNIST slice, for the fashion model only; give "
                                    + gan.name() + " images with --data DIR");
                }
                images = FashionData.embedded("train");
                break;
            case "idx":
                images = IdxReader.readDirectory(data.folder(), "train");
                break;
            default:
                long channels = gan.imageShape().get(0);
                images = ImageFolderReader.read(
                        data.folder(), (int) gan.imageShape().get(1), (int) channels, limit);
        }
        return limit > 0 ? images.head(limit) : images;
    }

    /** Real images the generator is compared with: test images, never the training ones. */
    static ImageSet realForFrechet(ExperimentConfig cfg) throws IOException {
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
