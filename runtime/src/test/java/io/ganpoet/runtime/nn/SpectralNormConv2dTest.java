package io.ganpoet.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class SpectralNormConv2dTest {

    /** After enough training passes, the layer equals a convolution with W / σ_max(W). */
    @Test
    void convergesToTheWeightDividedByItsLargestSingularValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            SpectralNormConv2d block = SpectralNormConv2d.builder()
                    .setKernelShape(new Shape(3, 3))
                    .setFilters(5)
                    .build();
            Shape in = new Shape(2, 4, 6, 6);
            block.initialize(m, DataType.FLOAT64, in);
            NDArray x = m.randomNormal(in, DataType.FLOAT64);
            ParameterStore ps = new ParameterStore(m, false);
            for (int i = 0; i < 400; i++) {
                block.forward(ps, new NDList(x), true);
            }
            NDArray w = block.getParameters().get("weight").getArray();
            double sigma = largestSingularValue(w.reshape(5, -1).toDoubleArray(), 5, 36);
            NDArray expected = Conv2d.conv2d(
                            x, w.div(sigma), block.getParameters().get("bias").getArray())
                    .singletonOrThrow();
            NDArray actual = block.forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(0, expected.sub(actual).abs().max().getDouble(), 1e-9);
        }
    }

    @Test
    void uIsNotTrainedAndTheWeightGetsAGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            SpectralNormConv2d block = SpectralNormConv2d.builder()
                    .setKernelShape(new Shape(2, 2))
                    .setFilters(3)
                    .build();
            Shape in = new Shape(1, 2, 4, 4);
            block.initialize(m, DataType.FLOAT32, in);
            assertTrue(!block.getParameters().get("u").requiresGradient());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), true)
                        .singletonOrThrow();
                gc.backward(out.sum());
            }
            assertTrue(block.getParameters()
                            .get("weight")
                            .getArray()
                            .getGradient()
                            .abs()
                            .sum()
                            .getFloat()
                    > 0);
        }
    }

    /** Power iteration on WᵀW in plain Java, to 1e-12. */
    private static double largestSingularValue(double[] w, int rows, int cols) {
        double[] v = new double[cols];
        java.util.Arrays.fill(v, 1.0);
        double sigma = 0;
        for (int it = 0; it < 2000; it++) {
            double[] u = new double[rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    u[r] += w[r * cols + c] * v[c];
                }
            }
            double[] next = new double[cols];
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    next[c] += w[r * cols + c] * u[r];
                }
            }
            double norm =
                    Math.sqrt(java.util.Arrays.stream(next).map(a -> a * a).sum());
            for (int c = 0; c < cols; c++) {
                v[c] = next[c] / norm;
            }
            sigma = Math.sqrt(norm);
        }
        return sigma;
    }
}
