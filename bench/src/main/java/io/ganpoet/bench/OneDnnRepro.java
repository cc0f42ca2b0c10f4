package io.ganpoet.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Locale;

/**
 * A reproduction of the wrong oneDNN kernels (docs/NOTES.md, "Right on every CPU") in plain DJL,
 * nothing of ganpoet: the input gradient of {@code Conv2d.conv2d} for two discriminator heads, in
 * float32 (oneDNN) against float64 (ATen's own kernels), ten times each, with a little freed
 * NaN-filled memory before every call. Run with {@code ONEDNN_VERBOSE=1} to see the kernel oneDNN
 * picks ({@code jit:avx512_core}, {@code backward_data} on the affected machine):
 *
 * <pre>mvn -B -ntp -Pbench verify -DskipTests -pl bench -am -Dbench.main=io.ganpoet.bench.OneDnnRepro</pre>
 */
public final class OneDnnRepro {

    private OneDnnRepro() {}

    public static void main(String[] args) {
        Engine.getInstance().setRandomSeed(3);
        // {batch, in channels, size, kernel}: the Fashion discriminator's 7x7 head at batch 1, and
        // the DCGAN discriminator's 4x4 head at batch 8.
        int[][] cases = {{1, 64, 7, 7}, {8, 512, 4, 4}};
        for (int[] c : cases) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.randomNormal(new Shape(c[0], c[1], c[2], c[2]));
                NDArray w = m.randomNormal(new Shape(1, c[1], c[3], c[3])).div(Math.sqrt(c[1] * c[3] * c[3]));
                NDArray reference = inputGradient(x.toType(DataType.FLOAT64, true), w.toType(DataType.FLOAT64, true));
                for (int i = 0; i < 10; i++) {
                    m.full(new Shape(16L * c[0] * c[1] * c[2] * c[2]), Float.NaN)
                            .close();
                    NDArray got = inputGradient(x, w).toType(DataType.FLOAT64, false);
                    double error = got.sub(reference).abs().max().getDouble()
                            / reference.abs().max().getDouble();
                    System.out.printf(
                            Locale.ROOT,
                            "conv %d->1 k%d on %dx%dx%dx%d, input gradient, run %d: relative error %.2e%n",
                            c[1],
                            c[3],
                            c[0],
                            c[1],
                            c[2],
                            c[2],
                            i,
                            error);
                }
            }
        }
    }

    private static NDArray inputGradient(NDArray x, NDArray w) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = Conv2d.conv2d(input, w).singletonOrThrow();
            collector.backward(y.sum());
        }
        return input.getGradient().duplicate();
    }
}
