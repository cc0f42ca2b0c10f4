package io.ganpoet.train.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.loop.Metrics;
import io.ganpoet.train.loop.Picture;
import io.ganpoet.train.loop.ShardedUpdate;
import io.ganpoet.train.loop.ShardedUpdate.ShardLoss;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.loop.TrainingStep;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One step of an autoencoder, or of a denoising autoencoder when {@link
 * AutoencoderSettings#noiseStd()} is above 0: the batch is mapped to [0, 1] ({@link
 * Autoencoding#unit}), corrupted with clipped Gaussian noise, encoded, decoded, and the
 * reconstruction compared with the <em>clean</em> batch; one backward pass, one update of the
 * encoder and one of the decoder (each has its own optimizer).
 *
 * <p>Metrics: {@code loss} (the configured reconstruction loss, mean per pixel), {@code mse} (the
 * reconstruction's mean squared error to the clean batch) and, when denoising, {@code noisy_mse}
 * (the noisy input's: the error the denoiser must beat).
 */
public final class AutoencoderStep implements TrainingStep {

    private final AutoencoderModel model;
    private final TrainableNetwork encoder;
    private final TrainableNetwork decoder;
    private final AutoencoderSettings settings;
    private final ImageSet pictureImages;
    private final int pictureCount;
    private final long seed;

    /**
     * @param model the pair's facts (shapes, decoder output)
     * @param encoder the encoder with its optimizer and replicas
     * @param decoder the decoder with its optimizer and replicas
     * @param settings loss and noise
     * @param pictureImages where the progress picture's images come from (its first ones)
     * @param pictureCount images in the progress picture
     * @param seed seeds the picture's fixed noise
     */
    public AutoencoderStep(
            AutoencoderModel model,
            TrainableNetwork encoder,
            TrainableNetwork decoder,
            AutoencoderSettings settings,
            ImageSet pictureImages,
            int pictureCount,
            long seed) {
        if (model.variational()) {
            throw new IllegalArgumentException(model.name() + " is variational: train it with a VaeStep");
        }
        this.model = model;
        this.encoder = encoder;
        this.decoder = decoder;
        this.settings = settings;
        this.pictureImages = pictureImages;
        this.pictureCount = pictureCount;
        this.seed = seed;
    }

    private boolean denoising() {
        return settings.noiseStd() > 0;
    }

    @Override
    public List<String> metricNames() {
        return denoising() ? List.of("loss", "mse", "noisy_mse") : List.of("loss", "mse");
    }

    @Override
    public List<TrainableNetwork> networks() {
        return List.of(encoder, decoder);
    }

    @Override
    public Metrics trainBatch(List<Batch> shards) {
        return ShardedUpdate.update(List.of(encoder, decoder), shards.size(), "loss", i -> {
            NDArray clean = Autoencoding.unit(shards.get(i).getData().head());
            NDArray input = Autoencoding.noisy(clean, settings.noiseStd());
            NDArray reconstruction = decode(i, encoder.forward(i, new NDList(input), true), true);
            float mse = reconstruction.stopGradient().sub(clean).square().mean().getFloat();
            Metrics.Builder metrics = Metrics.builder().add("mse", mse);
            if (denoising()) {
                metrics.add("noisy_mse", input.sub(clean).square().mean().getFloat());
            }
            return new ShardLoss(settings.loss().mean(reconstruction, clean), metrics.build());
        });
    }

    private NDArray decode(int shard, NDList code, boolean training) {
        return Autoencoding.decoded(
                model, decoder.forward(shard, code, training).singletonOrThrow());
    }

    /**
     * Encodes and decodes without recording gradients or updating batch-norm statistics.
     *
     * @param input images in [0, 1], {@code (N, C, H, W)}
     * @return reconstructions in [0, 1]
     */
    public NDArray reconstruct(NDArray input) {
        return decode(0, encoder.forward(0, new NDList(input), false), false);
    }

    /** What {@link #evaluate} measured on held-out images. */
    public record Evaluation(int images, double reconstructionMse, double noisyInputMse, double loss) {
        /**
         * How many times smaller the reconstruction's error is than the noisy input's.
         *
         * @return the noisy input's error over the reconstruction's; 1 for a plain autoencoder
         */
        public double improvement() {
            return noisyInputMse / reconstructionMse;
        }
    }

    /**
     * Measures the model on held-out images: the mean squared error (per pixel, in [0, 1]) of the
     * reconstruction of each noisy image to its clean original, beside that of the noisy image
     * itself. The noise is drawn from {@code seed}, so the figure is reproducible.
     *
     * @param manager scratch space
     * @param data held-out images
     * @param count how many (all, if the set has fewer)
     * @param seed seeds the noise
     * @return the figures
     */
    public Evaluation evaluate(NDManager manager, ImageSet data, int count, long seed) {
        Random random = new Random(seed);
        double[] sums = new double[3]; // reconstruction MSE, noisy-input MSE, loss; each times the chunk size
        int n = Autoencoding.forHeldOut(manager, data, count, (scope, clean, size) -> {
            NDArray input = Autoencoding.noisy(clean, settings.noiseStd(), random);
            NDArray reconstruction = reconstruct(input);
            sums[0] += reconstruction.sub(clean).square().mean().getFloat() * size;
            sums[1] += input.sub(clean).square().mean().getFloat() * size;
            sums[2] += settings.loss().mean(reconstruction, clean).getFloat() * size;
        });
        return new Evaluation(n, sums[0] / n, sums[1] / n, sums[2] / n);
    }

    /** Noisy inputs, reconstructions and originals of the picture images, noise fixed by the seed. */
    @Override
    public Optional<Picture> picture() {
        return Optional.of(this::drawReconstructions);
    }

    /**
     * Draws rows of noisy input | reconstruction | clean original for the first images of a set.
     *
     * @param scope scratch space
     * @param images the set
     * @param count how many images
     * @param noiseSeed seeds the noise
     * @return the picture
     */
    public java.awt.image.BufferedImage drawReconstructions(
            NDManager scope, ImageSet images, int count, long noiseSeed) {
        NDArray clean = Autoencoding.firstImages(scope, images, count);
        NDArray input = Autoencoding.noisy(clean, settings.noiseStd(), new Random(noiseSeed));
        return Autoencoding.reconstructionRows(denoising() ? input : null, reconstruct(input), clean, (int)
                Math.min(8, clean.getShape().get(0)));
    }

    private java.awt.image.BufferedImage drawReconstructions(NDManager scope) {
        return drawReconstructions(scope, pictureImages, pictureCount, seed ^ 0x0de_1a7eL);
    }

    /**
     * Returns the model being trained.
     *
     * @return the autoencoder
     */
    public AutoencoderModel model() {
        return model;
    }

    /**
     * Returns the autoencoder settings.
     *
     * @return the loss, noise and beta
     */
    public AutoencoderSettings settings() {
        return settings;
    }
}
