package io.ganpoet.runtime.eval;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors (the FID formula, with
 * whatever feature network supplies the features):
 *
 * <pre>  ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)</pre>
 *
 * The trace of the cross term is computed from the symmetric form, whose eigenvalues are real and
 * non-negative up to rounding (negative ones, from rounding, are clamped to zero).
 */
public final class FrechetDistance {

    /** Mean and covariance of a set of feature vectors. */
    public record Statistics(double[] mean, double[][] covariance, int count) {

        /**
         * Fits the statistics.
         *
         * @param features one row per sample; at least two rows
         * @return mean and (unbiased) covariance
         */
        public static Statistics of(double[][] features) {
            int n = features.length;
            if (n < 2) {
                throw new IllegalArgumentException("need at least 2 feature vectors, got " + n);
            }
            int d = features[0].length;
            double[] mean = new double[d];
            for (double[] row : features) {
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j] / n;
                }
            }
            double[][] cov = new double[d][d];
            for (double[] row : features) {
                for (int i = 0; i < d; i++) {
                    double di = row[i] - mean[i];
                    for (int j = i; j < d; j++) {
                        cov[i][j] += di * (row[j] - mean[j]);
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    cov[i][j] /= n - 1;
                    cov[j][i] = cov[i][j];
                }
            }
            return new Statistics(mean, cov, n);
        }
    }

    private FrechetDistance() {}

    /**
     * @param a one set's statistics
     * @param b the other's
     * @return the Fréchet distance, ≥ 0
     */
    public static double between(Statistics a, Statistics b) {
        double meanTerm = 0;
        for (int i = 0; i < a.mean().length; i++) {
            double diff = a.mean()[i] - b.mean()[i];
            meanTerm += diff * diff;
        }
        RealMatrix s1 = new Array2DRowRealMatrix(a.covariance());
        RealMatrix s2 = new Array2DRowRealMatrix(b.covariance());
        RealMatrix root1 = symmetricSqrt(s1);
        RealMatrix cross = root1.multiply(s2).multiply(root1);
        double crossTrace = 0;
        for (double eigenvalue : new EigenDecomposition(symmetrize(cross)).getRealEigenvalues()) {
            crossTrace += Math.sqrt(Math.max(0, eigenvalue));
        }
        return Math.max(0, meanTerm + s1.getTrace() + s2.getTrace() - 2 * crossTrace);
    }

    private static RealMatrix symmetricSqrt(RealMatrix m) {
        EigenDecomposition eig = new EigenDecomposition(symmetrize(m));
        RealMatrix v = eig.getV();
        double[] values = eig.getRealEigenvalues();
        RealMatrix d = new Array2DRowRealMatrix(values.length, values.length);
        for (int i = 0; i < values.length; i++) {
            d.setEntry(i, i, Math.sqrt(Math.max(0, values[i])));
        }
        return v.multiply(d).multiply(v.transpose());
    }

    private static RealMatrix symmetrize(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }
}
