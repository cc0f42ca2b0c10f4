package io.ganpoet.bench;

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
 * The DCGAN generator's four strided transposed convolutions (batch 64, k4 s2 p1), forward and
 * forward+backward: {@code TransposedConv2d} ({@code ganpoet}) against the anchor {@code
 * libtorch}: the same TorchScript {@code conv_transpose2d} called directly on plain arrays, no
 * block around it. Target ≤ 1.05×.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Dai.djl.offline=true"})
public class TransposedConvBenchmark {

    /** Input channels × output channels @ input size; the output is twice the input size. */
    @Param({"512x256@4", "256x128@8", "128x64@16", "64x3@32"})
    public String layer;

    @Param({"libtorch", "ganpoet"})
    public String variant;

    private Workloads forward;
    private Workloads forwardBackward;

    @Setup(Level.Trial)
    public void setUp() {
        forward = Workloads.layer(layer, variant, false);
        forwardBackward = Workloads.layer(layer, variant, true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        forward.close();
        forwardBackward.close();
    }

    @Benchmark
    public float forward() {
        return forward.run();
    }

    @Benchmark
    public float forwardBackward() {
        return forwardBackward.run();
    }
}
