package io.ganpoet.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.nn.TransposedConv2d;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DCGAN generator's transposed convolutions (batch 64, kernel 4, stride 2, padding 1) in both
 * lowerings, against the FLOP-equivalent plain convolution: the adjoint strided {@code conv2d}
 * (the discriminator layer the generator layer mirrors), which does exactly the same
 * multiply-adds. A fourth variant, {@code phaseConv}, is the stride-1 convolution alone that the
 * sub-pixel lowering runs before its depth-to-space and crop: the gap between it and {@code
 * subPixel} is the cost of the rearrangement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
public class TransposedConvBenchmark {

    /** Input channels × output channels @ input size; the output is twice the input size. */
    @Param({"512x256@4", "256x128@8", "128x64@16", "64x3@32"})
    public String layer;

    @Param({"subPixel", "zeroInsertion", "conv2dAdjoint", "phaseConv"})
    public String variant;

    private static final int BATCH = 64;

    private NDManager manager;
    private Block block;
    private NDArray input;
    private ParameterStore parameterStore;

    @Setup(Level.Trial)
    public void setUp() {
        String[] channels = layer.substring(0, layer.indexOf('@')).split("x");
        int cin = Integer.parseInt(channels[0]);
        int cout = Integer.parseInt(channels[1]);
        int size = Integer.parseInt(layer.substring(layer.indexOf('@') + 1));
        manager = NDManager.newBaseManager();
        Shape inputShape;
        switch (variant) {
            case "subPixel":
            case "zeroInsertion":
                block =
                        TransposedConv2d.builder()
                                .setKernelShape(new Shape(4, 4))
                                .setFilters(cout)
                                .optStride(new Shape(2, 2))
                                .optPadding(new Shape(1, 1))
                                .optBias(false)
                                .optAlgorithm(
                                        variant.equals("subPixel")
                                                ? TransposedConv2d.Algorithm.SUB_PIXEL
                                                : TransposedConv2d.Algorithm.ZERO_INSERTION)
                                .build();
                inputShape = new Shape(BATCH, cin, size, size);
                break;
            case "conv2dAdjoint":
                block =
                        Conv2d.builder()
                                .setKernelShape(new Shape(4, 4))
                                .setFilters(cin)
                                .optStride(new Shape(2, 2))
                                .optPadding(new Shape(1, 1))
                                .optBias(false)
                                .build();
                inputShape = new Shape(BATCH, cout, 2 * size, 2 * size);
                break;
            case "phaseConv":
                block =
                        Conv2d.builder()
                                .setKernelShape(new Shape(2, 2))
                                .setFilters(4 * cout)
                                .optPadding(new Shape(1, 1))
                                .optBias(false)
                                .build();
                inputShape = new Shape(BATCH, cin, size, size);
                break;
            default:
                throw new IllegalArgumentException("unknown variant " + variant);
        }
        block.initialize(manager, DataType.FLOAT32, inputShape);
        input = manager.randomNormal(inputShape);
        input.setRequiresGradient(true);
        parameterStore = new ParameterStore(manager, false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public float forward() {
        try (NDManager step = manager.newSubManager()) {
            NDArray out = block.forward(parameterStore, new NDList(input), false).head();
            out.attach(step);
            return out.getShape().get(1);
        }
    }

    @Benchmark
    public float forwardBackward() {
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = block.forward(parameterStore, new NDList(input), true).head();
            NDArray loss = out.sum();
            out.attach(step);
            loss.attach(step);
            collector.backward(loss);
            collector.zeroGradients();
            return out.getShape().get(1);
        }
    }
}
