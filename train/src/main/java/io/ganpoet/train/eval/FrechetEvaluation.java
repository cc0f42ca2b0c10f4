package io.ganpoet.train.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.eval.FrechetDistance.Statistics;
import java.util.function.Function;

/** Feature statistics of real and generated images, batch by batch, for the Fréchet distance. */
public final class FrechetEvaluation {

    private static final int BATCH = 250;

    private FrechetEvaluation() {}

    /**
     * Statistics of the first {@code count} images of a dataset (all, if it has fewer).
     *
     * @param manager scratch space
     * @param network the feature network
     * @param data real images
     * @param count how many
     * @return mean and covariance of their features
     */
    public static Statistics real(NDManager manager, FeatureNetwork network, ImageSet data, int count) {
        int n = Math.min(count, data.count());
        double[][] rows = new double[n][];
        for (int start = 0; start < n; start += BATCH) {
            int size = Math.min(BATCH, n - start);
            int[] indices = new int[size];
            for (int i = 0; i < size; i++) {
                indices[i] = start + i;
            }
            try (NDManager scope = manager.newSubManager()) {
                copyRows(network.features(data.batch(scope, indices)), rows, start);
            }
        }
        return Statistics.of(rows);
    }

    /**
     * Statistics of {@code count} generated images.
     *
     * @param manager scratch space
     * @param network the feature network
     * @param generator latents → images in [-1, 1]
     * @param latentShape one latent's shape
     * @param count how many
     * @param seed seeds the latents
     * @return mean and covariance of their features
     */
    public static Statistics generated(
            NDManager manager,
            FeatureNetwork network,
            Function<NDArray, NDArray> generator,
            Shape latentShape,
            int count,
            long seed) {
        double[][] rows = new double[count][];
        java.util.Random random = new java.util.Random(seed);
        for (int start = 0; start < count; start += BATCH) {
            int size = Math.min(BATCH, count - start);
            Shape shape = new Shape(size).addAll(latentShape);
            float[] z = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) random.nextGaussian();
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = generator.apply(scope.create(z, shape));
                // Checked before the features: a broken generator is the finding, not a numerical
                // failure somewhere inside the feature network or the covariance.
                if (images.isNaN().logicalOr(images.isInfinite()).any().getBoolean()) {
                    throw new IllegalArgumentException(
                            "the generator produced non-finite images (NaN or infinity) for the"
                                    + " latents of seed " + seed + " (images " + start + " to " + (start + size - 1)
                                    + "); its weights are broken: train again, or with a lower learning rate");
                }
                copyRows(network.features(images), rows, start);
            }
        }
        return Statistics.of(rows);
    }

    private static void copyRows(NDArray features, double[][] into, int offset) {
        Shape s = features.getShape();
        int n = (int) s.get(0);
        int d = (int) (s.size() / n);
        float[] values = features.toFloatArray();
        for (int i = 0; i < n; i++) {
            double[] row = new double[d];
            for (int j = 0; j < d; j++) {
                row[j] = values[i * d + j];
            }
            into[offset + i] = row;
        }
    }
}
