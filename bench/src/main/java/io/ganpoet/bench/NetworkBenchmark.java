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
 * The anchor benchmark: the generated DCGAN discriminator and generator (batch 16), forward and
 * backward, against the same networks and the very same weights as TorchScript run by the same
 * libtorch in this JVM ({@link ScriptedNetwork}). Target ≤ 1.05×.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Dai.djl.offline=true"})
public class NetworkBenchmark {

    @Param({"discriminator", "generator"})
    public String network;

    @Param({"libtorch", "generated"})
    public String variant;

    private Workloads workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = Workloads.network(network, variant);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    @Benchmark
    public float forwardBackward() {
        return workload.run();
    }
}
