package io.ganpoet.train;

import static io.ganpoet.train.GanTrainingTest.assertChanged;
import static io.ganpoet.train.GanTrainingTest.assertSame;
import static io.ganpoet.train.GanTrainingTest.config;
import static io.ganpoet.train.GanTrainingTest.trainable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.runtime.nn.LogitsBlock;
import io.ganpoet.train.TinyConditionalGan.Conditioning;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.gan.GanStep;
import io.ganpoet.train.report.MetricsCsv;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditional GANs through the training core: labels reach both networks and the loss. */
class ConditionalTrainingTest {

    static GanTrainer trainer(ExperimentConfig config, Path dir, DiscriminatorOutput output, Conditioning conditioning)
            throws IOException {
        return GanTrainer.create(
                GanTrainingConfig.builder(
                                new TinyConditionalGan(output, conditioning), TinyConditionalGan.halves(256, 1))
                        .optExperiment(config)
                        .optProgress(new PrintStream(new ByteArrayOutputStream()), false)
                        .build(),
                dir);
    }

    @ParameterizedTest
    @CsvSource({
        "bce, PROJECTION, uniform", "minimax, LABEL_MAPS, batch", "hinge, PROJECTION, batch",
        "lsgan, LABEL_MAPS, uniform", "wgan-gp, PROJECTION, uniform", "wgan-gp, LABEL_MAPS, batch"
    })
    void everyLossTrainsAConditionalPair(String loss, Conditioning conditioning, String fakeLabels, @TempDir Path dir)
            throws IOException {
        DiscriminatorOutput output = loss.equals("bce") || loss.equals("minimax")
                ? DiscriminatorOutput.PROBABILITY
                : DiscriminatorOutput.LOGIT;
        try (GanTrainer t = trainer(
                config("loss.kind=" + loss, "loss.n_critic=2", "epochs=1", "loss.fake_labels=" + fakeLabels),
                dir,
                output,
                conditioning)) {
            assertEquals(1, t.fit().epoch());
        }
        List<String[]> rows = MetricsCsv.read(dir.resolve("metrics.csv"));
        assertEquals(7, rows.size());
        for (String[] row : rows.subList(1, rows.size())) {
            for (String cell : row) {
                assertTrue(Double.isFinite(Double.parseDouble(cell)), String.join(",", row));
            }
        }
    }

    /** Swapping the labels changes D's score, and both phases train the label embeddings. */
    @Test
    void labelsReachTheDiscriminatorAndTheLoss(@TempDir Path dir) throws IOException {
        for (Conditioning conditioning : Conditioning.values()) {
            try (GanTrainer t = trainer(
                            config(), dir.resolve(conditioning.name()), DiscriminatorOutput.PROBABILITY, conditioning);
                    NDManager scope = t.manager().newSubManager()) {
                GanStep step = t.step();
                ImageSet data = TinyConditionalGan.halves(16, 3);
                int[] indices = new int[16];
                int[] labels = new int[16];
                int[] swapped = new int[16];
                for (int i = 0; i < 16; i++) {
                    indices[i] = i;
                    labels[i] = data.label(i);
                    swapped[i] = 1 - labels[i];
                }
                NDArray images = data.batch(scope, indices);
                Block d = step.networks().get(1).block();
                ParameterStore ps = step.networks().get(1).store(0);
                NDArray own = ((LogitsBlock) d).logits(ps, new NDList(images, scope.create(labels)), false);
                NDArray other = ((LogitsBlock) d).logits(ps, new NDList(images, scope.create(swapped)), false);
                assertTrue(
                        own.sub(other).abs().max().getFloat() > 1e-6f,
                        conditioning + ": swapping labels left D's output as it was");

                Block g = step.networks().get(0).block();
                Map<String, float[]> dBefore = trainable(d);
                Map<String, float[]> gBefore = trainable(g);
                step.updateDiscriminator(List.of(images), Optional.of(List.of(scope.create(labels))));
                assertSame(gBefore, trainable(g), "discriminator step changed the generator");
                assertChanged(dBefore, trainable(d));
                if (conditioning == Conditioning.PROJECTION) {
                    assertEmbeddingChanged(dBefore, trainable(d));
                }
                gBefore = trainable(g);
                step.updateGenerator(List.of(images), Optional.of(List.of(scope.create(labels))), Optional.empty());
                assertEmbeddingChanged(gBefore, trainable(g));
            }
        }
    }

    private static void assertEmbeddingChanged(Map<String, float[]> before, Map<String, float[]> after) {
        String key = before.keySet().stream()
                .filter(k -> k.contains("labelEmbedding"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                !Arrays.equals(before.get(key), after.get(key)),
                key + " did not change: the labels did not reach the loss");
    }

    @Test
    void resumedConditionalRunReproducesTheUninterruptedRun(@TempDir Path dir) throws IOException {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        try (GanTrainer t =
                trainer(config("epochs=3"), whole, DiscriminatorOutput.PROBABILITY, Conditioning.PROJECTION)) {
            t.fit();
        }
        try (GanTrainer t =
                trainer(config("epochs=1"), parts, DiscriminatorOutput.PROBABILITY, Conditioning.PROJECTION)) {
            t.fit();
        }
        try (GanTrainer t =
                trainer(config("epochs=3"), parts, DiscriminatorOutput.PROBABILITY, Conditioning.PROJECTION)) {
            assertEquals(3, t.fit().epoch());
        }
        List<String[]> a = MetricsCsv.read(whole.resolve("metrics.csv"));
        List<String[]> b = MetricsCsv.read(parts.resolve("metrics.csv"));
        assertEquals(19, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Arrays.copyOf(a.get(i), 6), Arrays.copyOf(b.get(i), 6), "row " + i);
        }
        // The last grids are the same pixels.
        BufferedImage x = ImageIO.read(whole.resolve("samples/epoch-003.png").toFile());
        BufferedImage y = ImageIO.read(parts.resolve("samples/epoch-003.png").toFile());
        assertArrayEquals(
                x.getRGB(0, 0, x.getWidth(), x.getHeight(), null, 0, x.getWidth()),
                y.getRGB(0, 0, y.getWidth(), y.getHeight(), null, 0, y.getWidth()));
    }

    /** One row per class: 16 images over 2 classes is 2 rows of 8, with the names in a left margin. */
    @Test
    void sampleGridHasOneRowPerClass(@TempDir Path dir) throws IOException {
        try (GanTrainer t =
                trainer(config("epochs=1"), dir, DiscriminatorOutput.PROBABILITY, Conditioning.PROJECTION)) {
            t.fit();
            assertEquals(List.of("left", "right"), t.step().pictures().rowNames());
        }
        BufferedImage grid = ImageIO.read(dir.resolve("samples/epoch-001.png").toFile());
        int cell = 2 + 8 * 2;
        assertEquals(2 * cell + 2, grid.getHeight());
        int margin = grid.getWidth() - (8 * cell + 2);
        assertTrue(margin > 10, "no room for the names: " + margin);
        // The names are drawn: light pixels in the margin.
        boolean text = false;
        for (int x = 0; x < margin; x++) {
            for (int y = 0; y < grid.getHeight(); y++) {
                text |= (grid.getRGB(x, y) & 0xff) > 128;
            }
        }
        assertTrue(text);
    }

    /** A user's conditional model on an image folder with one sub-folder per class: names on the grid rows. */
    @Test
    void trainsOnALabelledImageFolder(@TempDir Path dir) throws IOException {
        ImageSet halves = TinyConditionalGan.halves(32, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < halves.count(); i++) {
                float[] pixels = halves.batch(m, new int[] {i}).toFloatArray();
                BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                for (int p = 0; p < 64; p++) {
                    int v = Math.round((pixels[p] + 1f) * 127.5f);
                    image.setRGB(p % 8, p / 8, (v << 16) | (v << 8) | v);
                }
                Path folder = java.nio.file.Files.createDirectories(
                        dir.resolve("images").resolve(halves.label(i) == 0 ? "left" : "right"));
                ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
            }
        }
        ImageSet folder = io.ganpoet.train.data.ImageFolderReader.read(dir.resolve("images"), 8, 1, 0);
        assertEquals(List.of("left", "right"), folder.classNames());
        try (GanTrainer t = GanTrainer.create(
                GanTrainingConfig.builder(
                                new TinyConditionalGan(DiscriminatorOutput.PROBABILITY, Conditioning.LABEL_MAPS),
                                folder)
                        .optExperiment(config("epochs=1", "steps_per_epoch=2"))
                        .optProgress(new PrintStream(new ByteArrayOutputStream()), false)
                        .build(),
                dir.resolve("run"))) {
            assertEquals(2, t.fit().step());
            assertEquals(List.of("left", "right"), t.step().pictures().rowNames());
        }
    }

    @Test
    void unlabelledDataIsRefusedForAConditionalModel(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> GanTrainer.create(
                        GanTrainingConfig.builder(
                                        new TinyConditionalGan(
                                                DiscriminatorOutput.PROBABILITY, Conditioning.PROJECTION),
                                        TinyGan.squares(64, 1))
                                .optClassNames(List.of())
                                .optExperiment(config())
                                .optProgress(new PrintStream(new ByteArrayOutputStream()), false)
                                .build(),
                        dir));
        assertTrue(e.getMessage().contains("conditional on 2 classes, but the images have no labels"), e.getMessage());
    }

    @Test
    void unconditionalStepIgnoresLabels() {
        assertEquals(0, new TinyGan(DiscriminatorOutput.PROBABILITY).classes());
        assertEquals(1, new TinyGan(DiscriminatorOutput.PROBABILITY).generatorInputShapes(4).length);
        assertEquals(
                2,
                new TinyConditionalGan(DiscriminatorOutput.PROBABILITY, Conditioning.PROJECTION)
                        .discriminatorInputShapes(4)
                        .length);
    }
}
