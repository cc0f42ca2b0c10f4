package io.ganpoet.samples;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.Devices;
import io.ganpoet.runtime.nn.TransposedConv2d;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A smoke test a user can run: the DCGAN generator's transposed convolutions on random input, with
 * shapes and times, each checked against its definition as the adjoint of a convolution: for any
 * {@code u}, {@code <T x, u> = <x, conv2d(u, w)>} with the same weight, stride and padding.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the DCGAN generator's transposed convolutions and check them against convolution.")
final class DemoCommand implements Callable<Integer> {

    /** The batch sizes a run may ask for ({@code batch_size}'s range). */
    static final int MAX_BATCH = 65_536;

    @Option(names = "--batch", defaultValue = "16", description = "Batch size, 1 to 65536 (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (batch < 1 || batch > MAX_BATCH) {
            // An empty batch would check empty tensors and print OK; a negative one fails deep in DJL.
            throw new IllegalArgumentException("--batch " + batch + ": give a batch size from 1 to " + MAX_BATCH);
        }
        Device dev = Devices.choose(device);
        out.printf("ganpoet demo on %s: DCGAN generator layers, batch %d%n", dev, batch);
        int[][] layers = {{100, 512, 1, 0}, {512, 256, 2, 1}, {256, 128, 2, 1}, {128, 64, 2, 1}, {64, 3, 2, 1}};
        try (NDManager manager = NDManager.newBaseManager(dev)) {
            NDArray x = manager.randomNormal(new Shape(batch, 100, 1, 1));
            ParameterStore ps = new ParameterStore(manager, false);
            for (int[] l : layers) {
                TransposedConv2d layer = build(l);
                layer.initialize(manager, DataType.FLOAT32, x.getShape());
                long t0 = System.nanoTime();
                NDArray y = layer.forward(ps, new NDList(x), false).head();
                y.toFloatArray();
                long t1 = System.nanoTime();
                NDArray u = manager.randomNormal(y.getShape());
                NDArray w = layer.getParameters().get("weight").getArray();
                NDArray adjoint = Conv2d.conv2d(u, w, null, new Shape(l[2], l[2]), new Shape(l[3], l[3]))
                        .singletonOrThrow();
                float lhs = y.mul(u).sum().getFloat();
                float rhs = x.mul(adjoint).sum().getFloat();
                float error = Math.abs(lhs - rhs) / Math.max(1f, Math.abs(lhs));
                out.printf(
                        "  %4d -> %-4d k4 s%d p%d  %-18s -> %-18s %6.1f ms   <Tx,u> %.4e  <x,T'u> %.4e  rel. error %.1e%n",
                        l[0], l[1], l[2], l[3], x.getShape(), y.getShape(), (t1 - t0) / 1e6, lhs, rhs, error);
                if (!(error < 1e-3f)) {
                    out.println("FAILED: the transposed convolution is not the adjoint of the convolution");
                    return 1;
                }
                x = y.tanh();
            }
            out.printf("output %s: the shape of a batch of 3x64x64 images. OK%n", x.getShape());
        }
        return 0;
    }

    private static TransposedConv2d build(int[] l) {
        return TransposedConv2d.builder()
                .setKernelShape(new Shape(4, 4))
                .setFilters(l[1])
                .optStride(new Shape(l[2], l[2]))
                .optPadding(new Shape(l[3], l[3]))
                .optBias(false)
                .build();
    }
}
