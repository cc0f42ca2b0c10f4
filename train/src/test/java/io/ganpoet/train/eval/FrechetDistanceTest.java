package io.ganpoet.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganpoet.train.eval.FrechetDistance.Statistics;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    @Test
    void identicalStatisticsAreAtDistanceZero() {
        Statistics s = Statistics.of(gaussian(500, 4, 0, 1, 1));
        assertEquals(0, FrechetDistance.between(s, s), 1e-8);
    }

    /** For diagonal covariances the distance is Σ (μ₁ − μ₂)² + (σ₁ − σ₂)², in closed form. */
    @Test
    void matchesTheClosedFormForDiagonalGaussians() {
        Statistics a = new Statistics(new double[] {0, 1}, new double[][] {{4, 0}, {0, 1}}, 100);
        Statistics b = new Statistics(new double[] {3, 1}, new double[][] {{1, 0}, {0, 9}}, 100);
        // (3)² + (2 − 1)² + (1 − 3)² = 9 + 1 + 4
        assertEquals(14, FrechetDistance.between(a, b), 1e-9);
    }

    @Test
    void growsWithTheShiftOfTheSamples() {
        Statistics base = Statistics.of(gaussian(2000, 8, 0, 1, 2));
        double near = FrechetDistance.between(base, Statistics.of(gaussian(2000, 8, 0.1, 1, 3)));
        double far = FrechetDistance.between(base, Statistics.of(gaussian(2000, 8, 1.0, 1, 4)));
        assertTrue(near < far, near + " vs " + far);
        assertEquals(8.0, far, 0.8); // 8 dimensions shifted by 1
    }

    /**
     * Rank-deficient covariances (dead features, duplicated features) are what real feature
     * networks give; the distance must still come out, and equal the closed form.
     */
    @Test
    void handlesSingularCovariances() {
        // Feature 2 is always 0 (a dead ReLU unit) and feature 1 repeats feature 0.
        Statistics a = new Statistics(new double[] {0, 0, 0}, new double[][] {{4, 4, 0}, {4, 4, 0}, {0, 0, 0}}, 100);
        Statistics b = new Statistics(new double[] {1, 1, 0}, new double[][] {{1, 1, 0}, {1, 1, 0}, {0, 0, 0}}, 100);
        // Both are rank one along u = (1, 1, 0)/√2 with variances 8 and 2: (√8 − √2)² = 2, plus ‖μ‖² = 2.
        assertEquals(4, FrechetDistance.between(a, b), 1e-9);
        double[][] features = gaussian(300, 64, 0, 1, 5);
        for (double[] row : features) {
            for (int j = 32; j < 64; j++) {
                row[j] = j % 2 == 0 ? 0 : row[j - 32];
            }
        }
        Statistics s = Statistics.of(features);
        assertEquals(0, FrechetDistance.between(s, s), 1e-6);
    }

    @Test
    void refusesNonFiniteFeatures() {
        double[][] features = gaussian(10, 3, 0, 1, 6);
        features[4][1] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Statistics.of(features));
        assertEquals("feature vector 4 holds NaN; the Frechet distance needs finite features", e.getMessage());
    }

    static double[][] gaussian(int n, int d, double shift, double scale, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = shift + scale * r.nextGaussian();
            }
        }
        return x;
    }
}
