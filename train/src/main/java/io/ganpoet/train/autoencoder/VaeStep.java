package io.ganpoet.train.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.image.ImageGrid;
import io.ganpoet.runtime.nn.Scalars;
import io.ganpoet.runtime.run.Latents;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.loop.Metrics;
import io.ganpoet.train.loop.Picture;
import io.ganpoet.train.loop.ShardedUpdate;
import io.ganpoet.train.loop.ShardedUpdate.ShardLoss;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.loop.TrainingStep;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One step of a variational autoencoder (Kingma &amp; Welling): the encoder gives μ and log σ² of
 * q(z | x) for the batch in [0, 1] (noisy, when {@link AutoencoderSettings#noiseStd()} is above
 * 0); {@code z = μ + σ·ε} ({@link Autoencoding#reparameterise}, ε from the engine's generator, so
 * a resumed run draws the same ε); the decoder reconstructs the clean batch from z. The loss per
 * image is the reconstruction term summed over its pixels plus β times the KL divergence to N(0,
 * I) ({@link Autoencoding#klDivergence}); with β = 1 and BCE that is the negative ELBO of a
 * Bernoulli decoder, in nats. The batch's mean is back-propagated. With {@link
 * AutoencoderSettings#mmd()} above 0 the loss adds that weight times the maximum mean discrepancy
 * between the batch's z and as many draws from N(0, I) ({@link
 * Autoencoding#maximumMeanDiscrepancy}; InfoVAE): it pulls the encodings of the whole data set
 * onto the prior, which the per-image KL alone does not, so that the prior's samples decode to
 * images. A shard of one image has no MMD term.
 *
 * <p>Metrics: {@code loss} (per image, with β and the MMD term), {@code reconstruction} and {@code
 * kl} (per image), and {@code mmd} (the batch's discrepancy, unweighted) when its weight is above 0.
 */
public final class VaeStep implements TrainingStep {

    /** Latent values a traversal row runs through: −3 … 3. */
    static final int TRAVERSAL_STEPS = 9;
    /** Latent dimensions a traversal shows at most. */
    static final int TRAVERSAL_ROWS = 8;

    private final AutoencoderModel model;
    private final TrainableNetwork encoder;
    private final TrainableNetwork decoder;
    private final AutoencoderSettings settings;
    private final ImageSet pictureImages;
    private final int gridCount;
    private final long seed;

    /**
     * @param model a variational model
     * @param encoder images → (μ, log σ²), with its optimizer and replicas
     * @param decoder z → images, with its optimizer and replicas
     * @param settings loss, noise and β
     * @param pictureImages where the picture's reconstructions come from (its first images)
     * @param gridCount images in the picture's prior-sample grid
     * @param seed seeds the picture's fixed latents and noise
     */
    public VaeStep(
            AutoencoderModel model,
            TrainableNetwork encoder,
            TrainableNetwork decoder,
            AutoencoderSettings settings,
            ImageSet pictureImages,
            int gridCount,
            long seed) {
        if (!model.variational()) {
            throw new IllegalArgumentException(model.name() + " is not variational: train it with an AutoencoderStep");
        }
        this.model = model;
        this.encoder = encoder;
        this.decoder = decoder;
        this.settings = settings;
        this.pictureImages = pictureImages;
        this.gridCount = gridCount;
        this.seed = seed;
    }

    @Override
    public List<String> metricNames() {
        return settings.mmd() > 0
                ? List.of("loss", "reconstruction", "kl", "mmd")
                : List.of("loss", "reconstruction", "kl");
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
            NDList q = encoder.forward(i, new NDList(input), true);
            NDArray mean = q.get(0);
            NDArray logVariance = q.get(1);
            NDArray epsilon =
                    input.getManager().randomNormal(0f, 1f, mean.getShape(), mean.getDataType(), mean.getDevice());
            NDArray z = Autoencoding.reparameterise(mean, logVariance, epsilon);
            NDArray reconstruction = decode(i, z, true);
            NDArray rec = settings.loss().sumPerImage(reconstruction, clean).mean();
            NDArray kl = Autoencoding.klDivergence(mean, logVariance).mean();
            NDArray loss = rec.add(Scalars.mul(kl, settings.beta()));
            if (settings.mmd() <= 0) {
                return new ShardLoss(loss, Metrics.of(List.of("reconstruction", "kl"), rec.getFloat(), kl.getFloat()));
            }
            float discrepancy = 0f;
            if (z.getShape().get(0) > 1) {
                NDArray prior = input.getManager().randomNormal(0f, 1f, z.getShape(), z.getDataType(), z.getDevice());
                NDArray mmd = Autoencoding.maximumMeanDiscrepancy(z, prior);
                loss = loss.add(Scalars.mul(mmd, settings.mmd()));
                discrepancy = mmd.getFloat();
            }
            return new ShardLoss(
                    loss,
                    Metrics.of(List.of("reconstruction", "kl", "mmd"), rec.getFloat(), kl.getFloat(), discrepancy));
        });
    }

    private NDArray decode(int shard, NDArray z, boolean training) {
        return Autoencoding.decoded(
                model, decoder.forward(shard, new NDList(z), training).singletonOrThrow());
    }

    /**
     * Decodes latents without recording gradients or updating batch-norm statistics.
     *
     * @param z {@code (N, latent)}
     * @return images in [-1, 1], as a GAN's generator gives them (for pictures and the FD)
     */
    public NDArray sample(NDArray z) {
        return Autoencoding.symmetric(decode(0, z, false));
    }

    /**
     * The encoder's mean, decoded: the VAE's deterministic reconstruction.
     *
     * @param input images in [0, 1]
     * @return reconstructions in [0, 1]
     */
    public NDArray reconstruct(NDArray input) {
        return decode(0, encoder.forward(0, new NDList(input), false).get(0), false);
    }

    /** What {@link #evaluate} measured on held-out images; every figure per image, in nats. */
    public record Evaluation(int images, double reconstruction, double kl, double reconstructionMse) {
        /**
         * The evidence lower bound: −(reconstruction + KL), a single-sample estimate.
         *
         * @return the ELBO of the latest step, per image
         */
        public double elbo() {
            return -(reconstruction + kl);
        }
    }

    /**
     * The test ELBO: the mean over held-out images of the reconstruction term (one z per image,
     * ε drawn from {@code seed}) and of the KL divergence, plus the MSE per pixel of the mean's
     * reconstruction.
     *
     * @param manager scratch space
     * @param data held-out images
     * @param count how many (all, if the set has fewer)
     * @param seed seeds ε
     * @return the figures
     */
    public Evaluation evaluate(NDManager manager, ImageSet data, int count, long seed) {
        Random random = new Random(seed);
        double[] sums = new double[3]; // reconstruction term, KL (both summed over images), MSE of μ's decoding
        int n = Autoencoding.forHeldOut(manager, data, count, (scope, clean, size) -> {
            NDArray input = Autoencoding.noisy(clean, settings.noiseStd(), random);
            NDList q = encoder.forward(0, new NDList(input), false);
            NDArray epsilon = scope.create(
                    Autoencoding.gaussians(q.get(0).getShape(), random),
                    q.get(0).getShape());
            NDArray z = Autoencoding.reparameterise(q.get(0), q.get(1), epsilon);
            sums[0] += settings.loss()
                    .sumPerImage(decode(0, z, false), clean)
                    .sum()
                    .getFloat();
            sums[1] += Autoencoding.klDivergence(q.get(0), q.get(1)).sum().getFloat();
            sums[2] += decode(0, q.get(0), false).sub(clean).square().mean().getFloat() * size;
        });
        return new Evaluation(n, sums[0] / n, sums[1] / n, sums[2] / n);
    }

    /** Reconstructions, samples from the prior and a latent traversal, side by side. */
    @Override
    public Optional<Picture> picture() {
        return Optional.of(scope -> beside(
                reconstructions(scope, pictureImages, Math.min(gridCount, 32)), priorSamples(scope), traversal(scope)));
    }

    /**
     * Rows of input | reconstruction (of μ) for the first images of a set (noisy | … | clean when denoising).
     *
     * @param scope where the arrays live
     * @param images the set
     * @param count how many rows
     * @return the picture
     */
    public BufferedImage reconstructions(NDManager scope, ImageSet images, int count) {
        NDArray clean = Autoencoding.firstImages(scope, images, count);
        NDArray input = Autoencoding.noisy(clean, settings.noiseStd(), new Random(seed ^ 0x0de_1a7eL));
        return Autoencoding.reconstructionRows(settings.noiseStd() > 0 ? input : null, reconstruct(input), clean, (int)
                Math.min(8, clean.getShape().get(0)));
    }

    /**
     * The decoder on {@code gridCount} fixed draws from the prior N(0, I).
     *
     * @param scope where the arrays live
     * @return the picture
     */
    public BufferedImage priorSamples(NDManager scope) {
        NDArray z = Latents.fixed(scope, model.latentShape(), gridCount, seed);
        return ImageGrid.render(sample(z), Math.min(8, gridCount), 2);
    }

    /**
     * A latent traversal: row {@code j} decodes z = 0 with dimension {@code j} run from −3 to 3,
     * for the first {@value #TRAVERSAL_ROWS} dimensions.
     *
     * @param scope where the arrays live
     * @return the picture
     */
    public BufferedImage traversal(NDManager scope) {
        int latent = model.latentSize();
        int rows = Math.min(TRAVERSAL_ROWS, latent);
        float[] z = new float[rows * TRAVERSAL_STEPS * latent];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < TRAVERSAL_STEPS; column++) {
                z[(row * TRAVERSAL_STEPS + column) * latent + row] = -3f + 6f * column / (TRAVERSAL_STEPS - 1);
            }
        }
        NDArray images = sample(scope.create(z, new Shape(rows * TRAVERSAL_STEPS, latent)));
        return ImageGrid.render(images, TRAVERSAL_STEPS, 2);
    }

    /** Pictures side by side, top-aligned, on the grids' dark background with a gap between them. */
    static BufferedImage beside(BufferedImage... panels) {
        int gap = 12;
        int width = gap * (panels.length - 1);
        int height = 0;
        for (BufferedImage p : panels) {
            width += p.getWidth();
            height = Math.max(height, p.getHeight());
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(30, 30, 30));
        g.fillRect(0, 0, width, height);
        int x = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth() + gap;
        }
        g.dispose();
        return out;
    }

    /**
     * Returns the model being trained.
     *
     * @return the VAE
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
