package io.ganpoet.samples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.train.AutoencoderTrainer;
import io.ganpoet.train.autoencoder.VaeStep;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.report.Pictures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code ganpoet vae}: a variational autoencoder, with its test ELBO and the FD of its prior samples. */
@Command(
        name = "vae",
        mixinStandardHelpOptions = true,
        description = {
            "Train a variational autoencoder and leave a run directory (metrics.csv, pictures of reconstructions,",
            "prior samples and a latent traversal, plots, checkpoints); at the end, the test ELBO and, for 1x28x28",
            "images, the Frechet distance of prior samples in FashionClassifier's features (as for GANs).",
            "With no options: fashion-vae on the shipped Fashion-MNIST slice. A run directory with a checkpoint is resumed."
        },
        footer = {
            "",
            "Keys of its own: autoencoder.loss (bce|mse), vae.beta, vae.mmd, autoencoder.noise_std,",
            "optimizer.encoder.*, optimizer.decoder.*; every key: ganpoet train --help"
        })
final class VaeCommand extends AutoencoderCommand {

    @Override
    String command() {
        return "vae";
    }

    @Override
    boolean variational() {
        return true;
    }

    @Override
    List<String> figures(AutoencoderTrainer trainer, ImageSet heldOut, ExperimentConfig cfg, Path dir)
            throws IOException {
        VaeStep step = trainer.vae();
        int seed = cfg.integer("seed");
        VaeStep.Evaluation e = step.evaluate(trainer.manager(), heldOut, evalImages, seed);
        try (NDManager scope = trainer.manager().newSubManager()) {
            Pictures.writePng(step.reconstructions(scope, heldOut, 32), dir.resolve("reconstructions.png"));
            Pictures.writePng(step.priorSamples(scope), dir.resolve("prior-samples.png"));
            Pictures.writePng(step.traversal(scope), dir.resolve("traversal.png"));
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "held-out VAE figures (%d images from %s, %s reconstruction, beta %.2f):",
                e.images(),
                heldOut.origin(),
                cfg.text("autoencoder.loss"),
                step.settings().beta()));
        lines.add(String.format(
                Locale.ROOT,
                "  test ELBO %.2f nats per image = -(reconstruction %.2f + KL %.2f)",
                e.elbo(),
                e.reconstruction(),
                e.kl()));
        lines.add(String.format(Locale.ROOT, "  MSE of the mean's reconstruction: %.5f", e.reconstructionMse()));
        int fdSamples = cfg.integer("eval.fd_samples");
        if (fdSamples > 0 && step.model().imageShape().equals(new Shape(1, 28, 28))) {
            FashionFrechet.Result fd = FashionFrechet.evaluate(
                    trainer.manager(), step::sample, step.model().latentShape(), heldOut, fdSamples, seed);
            if (fd != null) {
                lines.add(String.format(
                        Locale.ROOT,
                        "  Frechet distance of prior samples (FashionClassifier features): %.2f, %d samples vs %d real images",
                        fd.distance(),
                        fd.generated(),
                        fd.real()));
            }
        }
        lines.add(
                "  pictures: reconstructions.png, prior-samples.png, traversal.png (one latent dimension per row, -3..3)");
        return lines;
    }
}
