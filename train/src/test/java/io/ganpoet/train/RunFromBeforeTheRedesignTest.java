package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.runtime.run.GeneratorSampler;
import io.ganpoet.runtime.run.SampleRequest;
import io.ganpoet.runtime.run.TrainedRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory written before the training library was reorganised (issue 20), checked in under
 * {@code src/test/resources/runs/tiny-gan-epoch1}: one epoch of {@link TinyGan}. It must still
 * resume and sample, and the resumed epoch must compute what the old code computed.
 */
class RunFromBeforeTheRedesignTest {

    private static final long OLD_PIXEL_HASH = 6336140810628705281L;
    private static final String RUN = "runs/tiny-gan-epoch1";
    private static final List<String> FILES = List.of(
            "config.yaml",
            "metrics.csv",
            "samples.gif",
            "summary.txt",
            "samples/epoch-001.png",
            "checkpoints/step-000000006/config.yaml",
            "checkpoints/step-000000006/discriminator-0001.params",
            "checkpoints/step-000000006/discriminator-optimizer.ndlist",
            "checkpoints/step-000000006/generator-0001.params",
            "checkpoints/step-000000006/generator-optimizer.ndlist",
            "checkpoints/step-000000006/manifest.sha256",
            "checkpoints/step-000000006/position.yaml");

    private static Path copyOfOldRun(Path dir) throws IOException {
        Path run = dir.resolve("old-run");
        for (String file : FILES) {
            Path target = run.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in =
                    RunFromBeforeTheRedesignTest.class.getClassLoader().getResourceAsStream(RUN + "/" + file)) {
                Files.copy(in, target);
            }
        }
        return run;
    }

    /** metrics.csv without the wall-clock column (images_per_sec). */
    private static List<String> metricsWithoutSpeed(Stream<String> lines) {
        return lines.map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    void anOldRunResumesToTheSameMetricsTheOldCodeComputed(@TempDir Path dir) throws IOException {
        Path run = copyOfOldRun(dir);
        try (GanTrainer t = GanTrainingTest.trainer(
                GanTrainingTest.config("epochs=2", "sample.grid=4"), run, DiscriminatorOutput.PROBABILITY)) {
            assertEquals(2, t.fit().epoch());
        }
        List<String> expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("runs/tiny-gan-epoch2-metrics.csv")) {
            expected =
                    metricsWithoutSpeed(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines());
        }
        assertEquals(13, expected.size());
        assertEquals(expected, metricsWithoutSpeed(Files.readAllLines(run.resolve("metrics.csv")).stream()));
    }

    @Test
    void anOldRunSamplesFourImagesOfItsSize(@TempDir Path dir) throws IOException {
        Path run = copyOfOldRun(dir);
        TrainedRun opened = TrainedRun.open(run);
        assertEquals(1, opened.epoch());
        assertEquals(6, opened.step());
        try (GeneratorSampler sampler = opened.generator(new TinyGan(DiscriminatorOutput.PROBABILITY))) {
            List<BufferedImage> images = sampler.images(new SampleRequest(4, 3, SampleRequest.ALL_CLASSES));
            assertEquals(4, images.size());
            long sum = 0;
            for (BufferedImage image : images) {
                assertEquals(List.of(12, 12), List.of(image.getWidth(), image.getHeight()));
                for (int y = 0; y < image.getHeight(); y++) {
                    for (int x = 0; x < image.getWidth(); x++) {
                        sum = sum * 31 + (image.getRGB(x, y) & 0xff);
                    }
                }
            }
            // The pixels the code before the reorganisation drew from this checkpoint with seed 3.
            assertEquals(OLD_PIXEL_HASH, sum);
        }
    }
}
