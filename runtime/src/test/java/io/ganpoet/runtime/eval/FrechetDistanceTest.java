package io.ganpoet.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganpoet.runtime.eval.FrechetDistance.Statistics;
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
