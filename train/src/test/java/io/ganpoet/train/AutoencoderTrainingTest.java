package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.ganpoet.train.autoencoder.AutoencoderStep;
import io.ganpoet.train.autoencoder.Autoencoding;
import io.ganpoet.train.autoencoder.ReconstructionLoss;
import io.ganpoet.train.autoencoder.VaeStep;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.report.MetricsCsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Autoencoder, denoising autoencoder and VAE on the shared core, on a tiny model and synthetic data. */
class AutoencoderTrainingTest {

    static ExperimentConfig config(String... overrides) {
        List<String> all = new ArrayList<>(List.of(
                "epochs=2",
                "batch_size=16",
                "steps_per_epoch=6",
                "sample.grid=16",
                "log.every_steps=3",
                "seed=7",
                "cpu_threads=1",
                "init=default",
                "optimizer.encoder.lr=0.01",
                "optimizer.decoder.lr=0.01"));
        all.addAll(List.of(overrides));
        return ExperimentConfig.defaults().withOverrides(all);
    }

    static AutoencoderTrainer trainer(boolean variational, ExperimentConfig config, Path dir) throws IOException {
        return AutoencoderTrainer.create(
                AutoencoderTrainingConfig.builder(new TinyAutoencoder(variational), TinyGan.squares(256, 1))
                        .optPictures(TinyGan.squares(64, 9))
                        .optExperiment(config)
                        .optProgress(new PrintStream(new ByteArrayOutputStream()), false)
                        .build(),
                dir);
    }

    static double column(List<String[]> rows, int from, int to, int column) {
        double sum = 0;
        for (String[] row : rows.subList(from, to)) {
            sum += Double.parseDouble(row[column]);
        }
        return sum / (to - from);
    }

    @Test
    void reconstructionLossFallsOnTinyData(@TempDir Path dir) throws IOException {
        try (AutoencoderTrainer t = trainer(false, config("epochs=4", "steps_per_epoch=16"), dir)) {
            t.fit();
        }
        List<String[]> rows = MetricsCsv.read(dir.resolve("metrics.csv"));
        assertEquals(List.of("epoch", "step", "loss", "mse", "images_per_sec"), List.of(rows.get(0)));
        double first = column(rows, 1, 4, 2);
        double last = column(rows, 62, 65, 2);
        System.out.println("autoencoder MSE " + first + " -> " + last);
        assertTrue(last < 0.4 * first, "MSE " + first + " → " + last);
    }

    @Test
    void bceLossFallsToo(@TempDir Path dir) throws IOException {
        try (AutoencoderTrainer t =
                trainer(false, config("epochs=4", "steps_per_epoch=16", "autoencoder.loss=bce"), dir)) {
            t.fit();
        }
        List<String[]> rows = MetricsCsv.read(dir.resolve("metrics.csv"));
        System.out.println("BCE-trained MSE " + column(rows, 1, 4, 3) + " -> " + column(rows, 62, 65, 3));
        assertTrue(column(rows, 62, 65, 3) < 0.4 * column(rows, 1, 4, 3), "mse column under a BCE loss");
    }

    /** σ = 0.5 noise, clipped, as in the lecture; held-out squares never seen in training. */
    @Test
    void denoiserBeatsTheNoisyInputOnHeldOutImages(@TempDir Path dir) throws IOException {
        try (AutoencoderTrainer t =
                trainer(false, config("epochs=8", "steps_per_epoch=16", "autoencoder.noise_std=0.5"), dir)) {
            t.fit();
            AutoencoderStep.Evaluation e = t.autoencoder().evaluate(t.manager(), TinyGan.squares(200, 123), 200, 5);
            System.out.println("denoiser " + e);
            assertEquals(200, e.images());
            // Clipped N(0, 0.25) noise on pixels near 0.08 and 0.94: about 0.12 per pixel.
            assertTrue(e.noisyInputMse() > 0.09 && e.noisyInputMse() < 0.16, "noisy " + e.noisyInputMse());
            assertTrue(
                    e.improvement() > 1.7,
                    "reconstruction " + e.reconstructionMse() + " vs noisy " + e.noisyInputMse());
        }
        List<String[]> rows = MetricsCsv.read(dir.resolve("metrics.csv"));
        assertEquals(List.of("epoch", "step", "loss", "mse", "noisy_mse", "images_per_sec"), List.of(rows.get(0)));
    }

    @Test
    void runDirectoryHoldsEveryFile(@TempDir Path dir) throws IOException {
        try (AutoencoderTrainer t = trainer(false, config("autoencoder.noise_std=0.3"), dir)) {
            t.fit();
        }
        String checkpoint = "checkpoints/step-000000012/";
        for (String file : List.of(
                "config.yaml",
                "summary.txt",
                "metrics.csv",
                "samples/epoch-001.png",
                "samples/epoch-002.png",
                "samples.gif",
                "plots/loss.png",
                "plots/mse.png",
                checkpoint + "encoder-0002.params",
                checkpoint + "decoder-0002.params",
                checkpoint + "encoder-optimizer.ndlist",
                checkpoint + "decoder-optimizer.ndlist",
                checkpoint + "position.yaml",
                checkpoint + "manifest.sha256")) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        assertTrue(Files.readString(dir.resolve("config.yaml")).contains("noise_std: 0.3"));
        // 16 picture images in rows of 8: (noisy, reconstruction, clean) × 2 groups of 8×8 images at scale 2.
        java.awt.image.BufferedImage picture =
                javax.imageio.ImageIO.read(dir.resolve("samples/epoch-002.png").toFile());
        assertEquals(8 * 18 + 2, picture.getWidth());
        assertEquals(6 * 18 + 2, picture.getHeight());
    }

    @Test
    void resumedAutoencoderRunReproducesTheUninterruptedRun(@TempDir Path dir) throws IOException {
        assertResumesExactly(false, dir, "autoencoder.noise_std=0.5");
    }

    @Test
    void resumedVaeRunReproducesTheUninterruptedRun(@TempDir Path dir) throws IOException {
        assertResumesExactly(true, dir, "autoencoder.loss=bce", "vae.beta=0.5", "checkpoint.every_steps=4");
    }

    private static void assertResumesExactly(boolean variational, Path dir, String... overrides) throws IOException {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        List<String> three = new ArrayList<>(List.of(overrides));
        three.add("epochs=3");
        List<String> one = new ArrayList<>(List.of(overrides));
        one.add("epochs=1");
        try (AutoencoderTrainer t = trainer(variational, config(three.toArray(String[]::new)), whole)) {
            t.fit();
        }
        try (AutoencoderTrainer t = trainer(variational, config(one.toArray(String[]::new)), parts)) {
            t.fit();
        }
        Files.writeString(parts.resolve("metrics.csv"), "2,7,9,9,9,9\n", java.nio.file.StandardOpenOption.APPEND);
        try (AutoencoderTrainer t = trainer(variational, config(three.toArray(String[]::new)), parts)) {
            assertEquals(3, t.fit().epoch());
        }
        List<String[]> a = MetricsCsv.read(whole.resolve("metrics.csv"));
        List<String[]> b = MetricsCsv.read(parts.resolve("metrics.csv"));
        assertEquals(19, a.size());
        assertEquals(a.size(), b.size());
        int columns = a.get(0).length - 1; // every column but images_per_sec (a timing)
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Arrays.copyOf(a.get(i), columns), Arrays.copyOf(b.get(i), columns), "row " + i);
        }
    }

    @Test
    void vaeLossFallsAndIsReconstructionPlusBetaKl(@TempDir Path dir) throws IOException {
        try (AutoencoderTrainer t =
                trainer(true, config("epochs=4", "steps_per_epoch=16", "autoencoder.loss=bce", "vae.beta=0.5"), dir)) {
            t.fit();
            VaeStep.Evaluation e = t.vae().evaluate(t.manager(), TinyGan.squares(100, 77), 100, 3);
            System.out.println("vae " + e);
            assertEquals(-(e.reconstruction() + e.kl()), e.elbo(), 1e-9);
            assertTrue(e.kl() > 0, "kl " + e.kl());
            // 64 pixels of BCE: a model that learnt nothing scores 64 · ln 2 ≈ 44 nats.
            assertTrue(e.reconstruction() < 40, "reconstruction " + e.reconstruction());
        }
        List<String[]> rows = MetricsCsv.read(dir.resolve("metrics.csv"));
        assertEquals(List.of("epoch", "step", "loss", "reconstruction", "kl", "images_per_sec"), List.of(rows.get(0)));
        for (String[] row : rows.subList(1, rows.size())) {
            double loss = Double.parseDouble(row[2]);
            double expected = Double.parseDouble(row[3]) + 0.5 * Double.parseDouble(row[4]);
            assertEquals(expected, loss, 1e-4 * Math.abs(loss), String.join(",", row));
        }
        System.out.println("VAE loss " + column(rows, 1, 4, 2) + " -> " + column(rows, 62, 65, 2));
        assertTrue(column(rows, 62, 65, 2) < 0.8 * column(rows, 1, 4, 2), "VAE loss did not fall");
        assertTrue(Files.size(dir.resolve("plots/kl.png")) > 0);
        // Reconstructions (8 columns), prior samples (8 columns) and a traversal (9 columns) side by side.
        java.awt.image.BufferedImage picture =
                javax.imageio.ImageIO.read(dir.resolve("samples/epoch-001.png").toFile());
        assertEquals((8 * 18 + 2) * 2 + 9 * 18 + 2 + 2 * 12, picture.getWidth());
    }

    @Test
    void resumedVaeRunWithAnMmdTermReproducesTheUninterruptedRun(@TempDir Path dir) throws IOException {
        assertResumesExactly(true, dir, "autoencoder.loss=bce", "vae.mmd=20", "checkpoint.every_steps=4");
    }

    @Test
    void vaeLossAddsTheWeightedMmdAndTheMmdColumn(@TempDir Path dir) throws IOException {
        try (AutoencoderTrainer t =
                trainer(true, config("epochs=4", "steps_per_epoch=16", "autoencoder.loss=bce", "vae.mmd=20"), dir)) {
            t.fit();
            VaeStep.Evaluation e = t.vae().evaluate(t.manager(), TinyGan.squares(100, 77), 100, 3);
            assertEquals(-(e.reconstruction() + e.kl()), e.elbo(), 1e-9); // the ELBO never holds the MMD term
        }
        List<String[]> rows = MetricsCsv.read(dir.resolve("metrics.csv"));
        assertEquals(
                List.of("epoch", "step", "loss", "reconstruction", "kl", "mmd", "images_per_sec"),
                List.of(rows.get(0)));
        for (String[] row : rows.subList(1, rows.size())) {
            double loss = Double.parseDouble(row[2]);
            double expected = Double.parseDouble(row[3]) + Double.parseDouble(row[4]) + 20 * Double.parseDouble(row[5]);
            assertEquals(expected, loss, 1e-4 * Math.abs(loss), String.join(",", row));
        }
        assertTrue(column(rows, 62, 65, 2) < 0.8 * column(rows, 1, 4, 2), "VAE loss did not fall");
        assertTrue(Files.size(dir.resolve("plots/mmd.png")) > 0);
    }

    /** MMD² with the inverse multiquadratic kernel, against a hand computation; its gradient moves x towards y. */
    @Test
    void maximumMeanDiscrepancyMatchesAHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 0, 1, 0}, new Shape(2, 2));
            NDArray y = m.create(new float[] {0, 1, 0, 0}, new Shape(2, 2));
            x.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray mmd = Autoencoding.maximumMeanDiscrepancy(x, y);
                // C = 4: within x, |x1 − x2|² = 1 → 0.8; within y, 1 → 0.8; across: 1, 0, 2, 1 → 0.8, 1, 2/3, 0.8
                double across = (0.8 + 1 + 4.0 / 6 + 0.8) / 4;
                assertEquals(0.8 + 0.8 - 2 * across, mmd.getFloat(), 1e-6);
                c.backward(mmd);
            }
            // ∂/∂x2 of the cross terms pulls x2 = (1, 0) towards y's points: a descent step lowers the MMD
            NDArray stepped = x.sub(x.getGradient().mul(0.1f));
            assertTrue(Autoencoding.maximumMeanDiscrepancy(stepped, y).getFloat()
                    < Autoencoding.maximumMeanDiscrepancy(x, y).getFloat());
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> Autoencoding.maximumMeanDiscrepancy(x.get("0:1"), y));
            assertEquals(
                    "the maximum mean discrepancy needs two samples of at least 2 rows of one width; got (1, 2) and"
                            + " (2, 2)",
                    e.getMessage());
        }
    }

    /** KL(N(μ, σ²) ‖ N(0, 1)) and z = μ + σε, values and gradients, against a hand computation. */
    @Test
    void klAndReparameterisationMatchAHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.create(new float[] {0.5f, -1f}, new Shape(1, 2));
            NDArray logVariance = m.create(new float[] {0f, (float) Math.log(4)}, new Shape(1, 2));
            NDArray epsilon = m.create(new float[] {1f, -0.5f}, new Shape(1, 2));
            mean.setRequiresGradient(true);
            logVariance.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray kl = Autoencoding.klDivergence(mean, logVariance);
                // ½[(0.25 + 1 − 1 − 0) + (1 + 4 − 1 − ln 4)]
                assertEquals(0.5 * (0.25 + 4 - Math.log(4)), kl.getFloat(0), 1e-6);
                c.backward(kl.sum());
            }
            assertArrayEquals(new float[] {0.5f, -1f}, mean.getGradient().toFloatArray(), 1e-6f); // ∂KL/∂μ = μ
            assertArrayEquals(new float[] {0f, 1.5f}, logVariance.getGradient().toFloatArray(), 1e-6f); // ½(σ² − 1)
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.create(new float[] {0.5f, -1f}, new Shape(1, 2));
            NDArray logVariance = m.create(new float[] {0f, (float) Math.log(4)}, new Shape(1, 2));
            NDArray epsilon = m.create(new float[] {1f, -0.5f}, new Shape(1, 2));
            mean.setRequiresGradient(true);
            logVariance.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray z = Autoencoding.reparameterise(mean, logVariance, epsilon);
                assertArrayEquals(new float[] {1.5f, -2f}, z.toFloatArray(), 1e-6f); // μ + σε, σ = (1, 2)
                c.backward(z.sum());
            }
            assertArrayEquals(new float[] {1f, 1f}, mean.getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(
                    new float[] {0.5f, -0.5f}, logVariance.getGradient().toFloatArray(), 1e-6f); // ½σε
        }
    }

    @Test
    void reconstructionLossesMatchAHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray r = m.create(new float[] {0.8f, 0.3f, 0.5f, 0.5f}, new Shape(2, 1, 1, 2));
            NDArray t = m.create(new float[] {1f, 0f, 0.5f, 0f}, new Shape(2, 1, 1, 2));
            assertArrayEquals(
                    new float[] {0.04f, 0.09f, 0f, 0.25f},
                    ReconstructionLoss.MSE.perPixel(r, t).toFloatArray(),
                    1e-6f);
            assertEquals(0.095f, ReconstructionLoss.MSE.mean(r, t).getFloat(), 1e-6f);
            double bce0 = -Math.log(0.8) - Math.log(0.7);
            double bce1 = -Math.log(0.5) - Math.log(0.5);
            assertArrayEquals(
                    new float[] {(float) bce0, (float) bce1},
                    ReconstructionLoss.BCE.sumPerImage(r, t).toFloatArray(),
                    1e-5f);
        }
    }

    @Test
    void noiseIsClippedToTheUnitInterval() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray clean = m.create(new float[] {0f, 1f, 0.5f, 0.2f}).tile(250);
            NDArray noisy = Autoencoding.noisy(clean, 0.5f, new java.util.Random(1));
            assertEquals(0f, noisy.min().getFloat());
            assertEquals(1f, noisy.max().getFloat());
            assertTrue(noisy.sub(clean).abs().mean().getFloat() > 0.2f);
            // [-1, 1] ↔ [0, 1]
            assertArrayEquals(
                    new float[] {0f, 0.5f, 1f},
                    Autoencoding.unit(m.create(new float[] {-1f, 0f, 1f})).toFloatArray());
        }
    }

    @Test
    void bceOnADecoderWithoutSigmoidIsRefused(@TempDir Path dir) {
        TinyAutoencoder tanh = new TinyAutoencoder(false) {
            @Override
            public DecoderOutput decoderOutput() {
                return DecoderOutput.TANH;
            }
        };
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> AutoencoderTrainer.create(
                        AutoencoderTrainingConfig.builder(tanh, TinyGan.squares(64, 1))
                                .optPictures(TinyGan.squares(16, 2))
                                .optExperiment(config("autoencoder.loss=bce"))
                                .optProgress(new PrintStream(new ByteArrayOutputStream()), false)
                                .build(),
                        dir));
        assertEquals(
                "autoencoder.loss bce needs pixels in (0, 1), but Tiny's decoder ends in TANH; use mse, or output = "
                        + "SIGMOID on @Decoder",
                e.getMessage());
    }

    @Test
    void shapesOfTheHandWrittenPairs() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean variational : new boolean[] {false, true}) {
                TinyAutoencoder model = new TinyAutoencoder(variational);
                var encoder = model.newEncoder();
                var decoder = model.newDecoder();
                encoder.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, model.imageShape(3));
                decoder.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, model.latentShape(3));
                NDList code = encoder.forward(
                        new ai.djl.training.ParameterStore(m, false), new NDList(m.zeros(model.imageShape(3))), false);
                assertEquals(variational ? 2 : 1, code.size());
                assertEquals(model.latentShape(3), code.get(0).getShape());
                NDArray image = decoder.forward(
                                new ai.djl.training.ParameterStore(m, false), new NDList(code.get(0)), false)
                        .singletonOrThrow();
                assertEquals(model.imageShape(3), image.getShape());
            }
        }
    }
}
