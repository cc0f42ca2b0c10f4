package io.ganpoet.samples;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.Devices;
import io.ganpoet.runtime.nn.TransposedConv2d;
import io.ganpoet.runtime.nn.TransposedConv2d.Algorithm;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A smoke test a user can run: the DCGAN generator's transposed convolutions on random input,
 * libtorch's kernel and the sub-pixel lowering checked against each other, with shapes and times.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the DCGAN generator's transposed convolutions and check both algorithms agree.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--batch", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Device dev = Devices.choose(device);
        out.printf("ganpoet demo on %s: DCGAN generator layers, batch %d%n", dev, batch);
        int[][] layers = {{100, 512, 1, 0}, {512, 256, 2, 1}, {256, 128, 2, 1}, {128, 64, 2, 1}, {64, 3, 2, 1}};
        try (NDManager manager = NDManager.newBaseManager(dev)) {
            NDArray x = manager.randomNormal(new Shape(batch, 100, 1, 1));
            ParameterStore ps = new ParameterStore(manager, false);
            for (int[] l : layers) {
                TransposedConv2d fast = build(l, Algorithm.AUTO);
                TransposedConv2d check = build(l, fast.usesSubPixel() ? Algorithm.NATIVE : Algorithm.SUB_PIXEL);
                fast.initialize(manager, DataType.FLOAT32, x.getShape());
                check.initialize(manager, DataType.FLOAT32, x.getShape());
                check.getParameters().get("weight").getArray().set(
                        fast.getParameters().get("weight").getArray().toFloatArray());
                long t0 = System.nanoTime();
                NDArray y = fast.forward(ps, new NDList(x), false).head();
                y.toFloatArray();
                long t1 = System.nanoTime();
                NDArray z = check.forward(ps, new NDList(x), false).head();
                z.toFloatArray();
                long t2 = System.nanoTime();
                float diff = y.sub(z).abs().max().getFloat();
                out.printf(
                        "  %4d -> %-4d k4 s%d p%d  %-18s -> %-18s %s %6.1f ms   %s %6.1f ms   max |diff| %.2e%n",
                        l[0], l[1], l[2], l[3], x.getShape(), y.getShape(),
                        fast.usesSubPixel() ? "sub-pixel" : "libtorch ",
                        (t1 - t0) / 1e6,
                        fast.usesSubPixel() ? "libtorch " : "sub-pixel",
                        (t2 - t1) / 1e6, diff);
                if (!(diff < 1e-3f)) {
                    out.println("FAILED: the two algorithms disagree");
                    return 1;
                }
                x = y.tanh();
            }
            out.printf("output %s: the shape of a batch of 3x64x64 images. OK%n", x.getShape());
        }
        return 0;
    }

    private static TransposedConv2d build(int[] l, Algorithm algorithm) {
        return TransposedConv2d.builder()
                .setKernelShape(new Shape(4, 4))
                .setFilters(l[1])
                .optStride(new Shape(l[2], l[2]))
                .optPadding(new Shape(l[3], l[3]))
                .optBias(false)
                .optAlgorithm(algorithm)
                .build();
    }
}
