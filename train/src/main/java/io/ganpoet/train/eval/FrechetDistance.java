package io.ganpoet.train.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors (the FID formula, with
 * whatever feature network supplies the features):
 *
 * <pre>  ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)</pre>
 *
 * Both matrix functions work on symmetric positive semi-definite matrices only (Σ₁, then Σ₁^½ Σ₂
 * Σ₁^½), through EJML's symmetric eigen-solver (tridiagonal QR), which converges on every such
 * matrix, rank-deficient ones included (features of dead ReLU units make covariances singular;
 * commons-math's general solver failed to converge on some of those). Eigenvalues below zero come
 * only from rounding and are clamped.
 */
public final class FrechetDistance {

    /** Mean and covariance of a set of feature vectors. */
    public record Statistics(double[] mean, double[][] covariance, int count) {

        /**
         * Fits the statistics.
         *
         * @param features one row per sample; at least two rows, all values finite
         * @return mean and (unbiased) covariance
         * @throws IllegalArgumentException with fewer than two rows or a non-finite value
         */
        public static Statistics of(double[][] features) {
            int n = features.length;
            if (n < 2) {
                throw new IllegalArgumentException("need at least 2 feature vectors, got " + n);
            }
            int d = features[0].length;
            double[] mean = new double[d];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < d; j++) {
                    if (!Double.isFinite(features[r][j])) {
                        throw new IllegalArgumentException("feature vector " + r + " holds " + features[r][j]
                                + "; the Frechet distance needs finite features");
                    }
                    mean[j] += features[r][j] / n;
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
        DMatrixRMaj s1 = new DMatrixRMaj(a.covariance());
        DMatrixRMaj s2 = new DMatrixRMaj(b.covariance());
        DMatrixRMaj root1 = symmetricSqrt(s1);
        DMatrixRMaj tmp = new DMatrixRMaj(s1.numRows, s1.numCols);
        DMatrixRMaj cross = new DMatrixRMaj(s1.numRows, s1.numCols);
        CommonOps_DDRM.mult(root1, s2, tmp);
        CommonOps_DDRM.mult(tmp, root1, cross);
        double crossTrace = 0;
        for (double eigenvalue : symmetricEigenvalues(cross, false).values) {
            crossTrace += Math.sqrt(Math.max(0, eigenvalue));
        }
        return Math.max(0, meanTerm + CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * crossTrace);
    }

    private record Eigen(double[] values, EigenDecomposition_F64<DMatrixRMaj> decomposition) {}

    private static Eigen symmetricEigenvalues(DMatrixRMaj m, boolean vectors) {
        DMatrixRMaj symmetric = new DMatrixRMaj(m.numRows, m.numCols);
        CommonOps_DDRM.transpose(m, symmetric);
        CommonOps_DDRM.addEquals(symmetric, m);
        CommonOps_DDRM.scale(0.5, symmetric);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m.numRows, vectors, true);
        if (!eig.decompose(symmetric)) {
            throw new ArithmeticException("the symmetric eigen-solver did not converge on a " + m.numRows + "x"
                    + m.numCols + " covariance; are the features finite?");
        }
        double[] values = new double[m.numRows];
        for (int i = 0; i < values.length; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        return new Eigen(values, eig);
    }

    private static DMatrixRMaj symmetricSqrt(DMatrixRMaj m) {
        Eigen eig = symmetricEigenvalues(m, true);
        int n = m.numRows;
        DMatrixRMaj result = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            double root = Math.sqrt(Math.max(0, eig.values()[k]));
            DMatrixRMaj v = eig.decomposition().getEigenVector(k);
            for (int i = 0; i < n; i++) {
                double vi = v.get(i, 0) * root;
                for (int j = 0; j < n; j++) {
                    result.add(i, j, vi * v.get(j, 0));
                }
            }
        }
        return result;
    }
}
