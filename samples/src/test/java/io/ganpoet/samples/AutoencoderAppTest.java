package io.ganpoet.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ganpoet denoise}, {@code vae} and {@code summary} of an autoencoder, on the shipped slice, a few steps each. */
class AutoencoderAppTest {

    @Test
    void denoiseTrainsResumesAndPrintsHeldOutFigures(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("dae");
        AppTest.Result r = AppTest.run(
                AppTest.tinyDenoise("denoise", "--epochs", "1", "--run", run.toString(), "--eval-images", "40"));
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(
                r.out()
                        .contains(
                                "held-out denoising (40 images from embedded t10k-images-idx3-ubyte.gz, noise sigma 0.50"),
                r.out());
        assertTrue(r.out().matches("(?s).*MSE of the noisy input to the clean image: +0\\.1\\d+ .*"), r.out());
        for (String file : new String[] {
            "metrics.csv",
            "samples/epoch-001.png",
            "plots/mse.png",
            "config.yaml",
            "summary.txt",
            "figures.txt",
            "reconstructions.png",
            "checkpoints/step-000000003/encoder-0001.params"
        }) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        assertTrue(Files.readString(run.resolve("config.yaml")).contains("model: lecture"));
        // Resume to a second epoch with the checkpoint's own settings.
        AppTest.Result again = AppTest.run("denoise", "--epochs", "2", "--run", run.toString(), "--eval-images", "40");
        assertEquals(0, again.code(), again.err() + again.out());
        assertTrue(again.out().contains("resuming at epoch 2"), again.out());
        assertEquals(7, Files.readAllLines(run.resolve("metrics.csv")).size());
    }

    @Test
    void vaePrintsTheTestElboAndTheFrechetDistanceOfPriorSamples(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("vae");
        AppTest.Result r =
                AppTest.run(AppTest.tiny("vae", "--epochs", "1", "--run", run.toString(), "--eval-images", "40"));
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(
                r.out()
                        .matches(
                                "(?s).*test ELBO -\\d+\\.\\d\\d nats per image = -\\(reconstruction \\d+\\.\\d\\d \\+ KL .*"),
                r.out());
        assertTrue(r.out().contains("Frechet distance of prior samples (FashionClassifier features): "), r.out());
        for (String file : new String[] {
            "reconstructions.png", "prior-samples.png", "traversal.png", "plots/kl.png", "plots/mmd.png", "figures.txt"
        }) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
    }

    @Test
    void wrongKindOfModelIsAMessage() {
        AppTest.Result r = AppTest.run("vae", "--model", "lecture");
        assertEquals(2, r.code());
        assertEquals(
                "ganpoet vae: model lecture is an autoencoder, not a variational autoencoder; train it with:"
                        + " ganpoet denoise --model lecture",
                r.err().strip());
    }

    @Test
    void summaryPrintsBothHalves() {
        AppTest.Result r = AppTest.run("summary", "--model", "fashion-vae");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Encoder FashionVaeEncoderBlock (1x28x28 to mean and log-variance of 6)"), r.out());
        assertTrue(r.out().contains("Decoder FashionVaeDecoderBlock (6 to 1x28x28)"), r.out());
        assertTrue(r.out().contains("heads"), r.out());
    }
}
