package io.ganpoet.train.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.AutoencoderModel.DecoderOutput;
import io.ganpoet.runtime.image.ImageGrid;
import io.ganpoet.runtime.nn.Scalars;
import io.ganpoet.train.data.ImageSet;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The arithmetic the autoencoder steps share. The training core serves images in [-1, 1] ({@link
 * ImageSet#batch}); autoencoders work in [0, 1], as the lecture's does (sigmoid output, MSE
 * or BCE against pixels in [0, 1], noise clipped to [0, 1]): {@link #unit} converts on the way in,
 * {@link #symmetric} on the way out to pictures and the Fréchet distance.
 */
public final class Autoencoding {

    private Autoencoding() {}

    /**
     * {@code (x + 1) / 2}: core images in [-1, 1] → [0, 1].
     *
     * @param images images in [-1, 1]
     * @return the same images in [0, 1]
     */
    public static NDArray unit(NDArray images) {
        return images.add(1f).mul(0.5f);
    }

    /**
     * {@code 2x − 1}: [0, 1] → [-1, 1], what pictures and the FD take.
     *
     * @param unit images in [0, 1]
     * @return the same images in [-1, 1]
     */
    public static NDArray symmetric(NDArray unit) {
        return unit.mul(2f).sub(1f);
    }

    /** The decoder's output read as pixels in [0, 1] (a tanh decoder's (-1, 1) is mapped). */
    static NDArray decoded(AutoencoderModel model, NDArray output) {
        return model.decoderOutput() == DecoderOutput.TANH
                ? output.add(Scalars.of(output, 1f)).mul(Scalars.of(output, 0.5f))
                : output;
    }

    /**
     * The denoising autoencoder's corruption: {@code clip(x + σ·ε, 0, 1)}, ε ~ N(0, 1) from the
     * engine's generator (which the loop reseeds every step, so a resumed run draws the same noise).
     *
     * @param unit images in [0, 1]
     * @param sigma the noise's standard deviation; 0 returns {@code unit} itself
     * @return the corrupted images, in [0, 1]
     */
    public static NDArray noisy(NDArray unit, float sigma) {
        if (sigma == 0) {
            return unit;
        }
        NDArray noise =
                unit.getManager().randomNormal(0f, sigma, unit.getShape(), unit.getDataType(), unit.getDevice());
        return unit.add(noise).clip(0f, 1f);
    }

    /**
     * The same corruption with noise from a seeded Java generator: fixed pictures and held-out figures.
     *
     * @param unit images in [0, 1]
     * @param sigma the noise's standard deviation
     * @param random the source of the noise
     * @return the corrupted images, in [0, 1]
     */
    public static NDArray noisy(NDArray unit, float sigma, Random random) {
        if (sigma == 0) {
            return unit;
        }
        return unit.add(unit.getManager()
                        .create(gaussians(unit.getShape(), random), unit.getShape())
                        .mul(sigma))
                .clip(0f, 1f);
    }

    /**
     * The KL divergence from q(z | x) = N(μ, diag σ²) to the prior N(0, I), per image, in nats:
     * {@code ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²)}.
     *
     * @param mean μ, {@code (N, latent)}
     * @param logVariance log σ², {@code (N, latent)}
     * @return {@code (N)}
     */
    public static NDArray klDivergence(NDArray mean, NDArray logVariance) {
        NDArray terms = mean.square().add(logVariance.exp()).sub(1f).sub(logVariance);
        return Scalars.mul(terms.sum(new int[] {1}), 0.5f);
    }

    /**
     * The squared maximum mean discrepancy between two samples of latents, unbiased (Gretton et al.
     * 2012), with the inverse multiquadratic kernel {@code k(a, b) = C / (C + |a − b|²)}, {@code C =
     * 2·dimensions} (the kernel and scale Tolstikhin et al.'s Wasserstein autoencoders use for a
     * N(0, I) prior): the mean kernel within {@code x} and within {@code y} (pairs of distinct rows)
     * minus twice the mean kernel across. Near 0 when both are samples of one distribution; it can
     * be slightly negative. Differentiable in both.
     *
     * @param x {@code (n, d)}, e.g. the batch's latents z
     * @param y {@code (m, d)}, e.g. as many draws from N(0, I)
     * @return a scalar
     * @throws IllegalArgumentException when either sample has fewer than 2 rows or the widths differ
     */
    public static NDArray maximumMeanDiscrepancy(NDArray x, NDArray y) {
        long n = x.getShape().get(0);
        long m = y.getShape().get(0);
        long d = x.getShape().get(1);
        if (n < 2 || m < 2 || d != y.getShape().get(1)) {
            throw new IllegalArgumentException("the maximum mean discrepancy needs two samples of at least 2 rows of"
                    + " one width; got " + x.getShape() + " and " + y.getShape());
        }
        float scale = 2f * d;
        NDArray within = Scalars.div(offDiagonalSum(kernel(x, x, scale)), n * (n - 1f))
                .add(Scalars.div(offDiagonalSum(kernel(y, y, scale)), m * (m - 1f)));
        return within.sub(Scalars.div(kernel(x, y, scale).sum(), 0.5f * n * m));
    }

    /** {@code C / (C + |a_i − b_j|²)} for every pair of rows, {@code (rows of a, rows of b)}. */
    private static NDArray kernel(NDArray a, NDArray b, float scale) {
        NDArray aa = a.square().sum(new int[] {1}).reshape(-1, 1);
        NDArray bb = b.square().sum(new int[] {1}).reshape(1, -1);
        // |a − b|² = |a|² + |b|² − 2 a·b, clipped at 0 against rounding
        NDArray distance = Scalars.maximum(aa.add(bb).sub(Scalars.mul(a.matMul(b.transpose()), 2f)), 0f);
        return Scalars.of(distance, scale).div(distance.add(Scalars.of(distance, scale)));
    }

    private static NDArray offDiagonalSum(NDArray square) {
        long n = square.getShape().get(0);
        NDArray eye = square.getManager()
                .eye((int) n, (int) n, 0, square.getDataType())
                .toDevice(square.getDevice(), false);
        return square.mul(Scalars.rsub(1f, eye)).sum();
    }

    /**
     * The reparameterisation trick: {@code z = μ + exp(½ log σ²) · ε}, differentiable in μ and
     * log σ².
     *
     * @param mean μ
     * @param logVariance log σ²
     * @param epsilon ε ~ N(0, I), same shape
     * @return z
     */
    public static NDArray reparameterise(NDArray mean, NDArray logVariance, NDArray epsilon) {
        return mean.add(Scalars.mul(logVariance, 0.5f).exp().mul(epsilon));
    }

    /** Gaussians from a seeded generator, as floats. */
    static float[] gaussians(Shape shape, Random random) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Images {@code 0..count-1} of a dataset in [0, 1]. */
    static NDArray firstImages(NDManager manager, ImageSet data, int count) {
        int n = Math.min(count, data.count());
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return unit(data.batch(manager, indices));
    }

    /**
     * Rows of images in groups of {@code columns}: for each group a row of noisy inputs (when
     * there are any), a row of reconstructions, and a row of the clean originals.
     *
     * @param noisy the encoder's inputs in [0, 1], or {@code null} for a plain autoencoder
     * @param reconstructions the decoder's outputs in [0, 1]
     * @param clean the originals in [0, 1]
     * @param columns images per row
     * @return the picture
     */
    public static BufferedImage reconstructionRows(NDArray noisy, NDArray reconstructions, NDArray clean, int columns) {
        long n = clean.getShape().get(0);
        List<NDArray> rows = new ArrayList<>();
        for (long start = 0; start < n; start += columns) {
            long end = Math.min(n, start + columns);
            String range = start + ":" + end;
            if (noisy != null) {
                rows.add(pad(noisy.get(range), columns));
            }
            rows.add(pad(reconstructions.get(range), columns));
            rows.add(pad(clean.get(range), columns));
        }
        NDArray all = NDArrays.concat(new ai.djl.ndarray.NDList(rows.toArray(NDArray[]::new)), 0);
        return ImageGrid.render(symmetric(all), columns, 2);
    }

    /** A short last row padded with black images to a full row. */
    private static NDArray pad(NDArray images, int columns) {
        long missing = columns - images.getShape().get(0);
        if (missing == 0) {
            return images;
        }
        Shape shape = new Shape(missing).addAll(images.getShape().slice(1));
        return images.concat(images.getManager().zeros(shape, images.getDataType(), images.getDevice()), 0);
    }

    /** One evaluator's sums over a chunk of held-out images (clean, in [0, 1]), in the chunk's scope. */
    @FunctionalInterface
    interface HeldOutChunk {
        void add(NDManager scope, NDArray clean, int size);
    }

    /**
     * Feeds the first {@code count} images of a set to an evaluator in chunks of 250 (bounded memory),
     * in order, each chunk in its own scope.
     *
     * @return how many images were read
     * @throws IllegalArgumentException when that would be none
     */
    static int forHeldOut(NDManager manager, ImageSet data, int count, HeldOutChunk chunk) {
        if (count < 1 || data.count() < 1) {
            throw new IllegalArgumentException("evaluating on " + Math.min(count, data.count()) + " images of "
                    + data.origin() + " averages nothing; ask for at least 1 image of a non-empty set");
        }
        int n = Math.min(count, data.count());
        for (int start = 0; start < n; start += 250) {
            int size = Math.min(250, n - start);
            int[] indices = new int[size];
            for (int i = 0; i < size; i++) {
                indices[i] = start + i;
            }
            try (NDManager scope = manager.newSubManager()) {
                chunk.add(scope, unit(data.batch(scope, indices)), size);
            }
        }
        return n;
    }
}
