package io.ganpoet.samples;

import ai.djl.ndarray.NDManager;
import io.ganpoet.train.AutoencoderTrainer;
import io.ganpoet.train.autoencoder.AutoencoderStep;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.report.Pictures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code ganpoet denoise}: the lecture's denoising autoencoder, or any plain autoencoder. */
@Command(
        name = "denoise",
        mixinStandardHelpOptions = true,
        description = {
            "Train a (denoising) autoencoder and leave a run directory (metrics.csv, noisy | reconstruction | clean",
            "pictures, plots, checkpoints); at the end, the MSE of its reconstructions of noisy held-out images",
            "against the noisy images' own MSE. With no options: the lecture's autoencoder, sigma 0.5, on the shipped",
            "Fashion-MNIST slice. A run directory that holds a checkpoint is resumed."
        },
        footer = {
            "",
            "Keys of its own: autoencoder.loss (mse|bce), autoencoder.noise_std, optimizer.encoder.*, optimizer.decoder.*;",
            "every key: ganpoet train --help"
        })
final class DenoiseCommand extends AutoencoderCommand {

    @Override
    String command() {
        return "denoise";
    }

    @Override
    boolean variational() {
        return false;
    }

    @Override
    List<String> figures(AutoencoderTrainer trainer, ImageSet heldOut, ExperimentConfig cfg, Path dir)
            throws IOException {
        AutoencoderStep step = trainer.autoencoder();
        AutoencoderStep.Evaluation e = step.evaluate(trainer.manager(), heldOut, evalImages, cfg.integer("seed"));
        try (NDManager scope = trainer.manager().newSubManager()) {
            Pictures.writePng(
                    step.drawReconstructions(scope, heldOut, 32, cfg.integer("seed")),
                    dir.resolve("reconstructions.png"));
        }
        return List.of(
                String.format(
                        Locale.ROOT,
                        "held-out denoising (%d images from %s, noise sigma %.2f clipped to [0, 1]):",
                        e.images(),
                        heldOut.origin(),
                        step.settings().noiseStd()),
                String.format(
                        Locale.ROOT, "  MSE of the reconstruction to the clean image: %.5f", e.reconstructionMse()),
                String.format(
                        Locale.ROOT,
                        "  MSE of the noisy input to the clean image:    %.5f  (%.1fx the reconstruction's)",
                        e.noisyInputMse(),
                        e.improvement()),
                "  pictures: reconstructions.png (rows: noisy input | reconstruction | clean original)");
    }
}
