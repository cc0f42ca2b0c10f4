package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.runtime.run.Latents;
import io.ganpoet.train.TinyConditionalGan.Conditioning;
import io.ganpoet.train.ema.AverageSettings;
import io.ganpoet.train.ema.WeightAverage;
import io.ganpoet.train.gan.GanStep;
import io.ganpoet.train.loop.TrainableNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's exponential moving average: its arithmetic, checkpoints, resume, replicas and sampling. */
class GeneratorAverageTest {

    private static Block linearWithBatchNorm(NDManager manager) {
        Block block = new SequentialBlock()
                .add(Linear.builder().setUnits(3).build())
                .add(BatchNorm.builder().build());
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
        return block;
    }

    @Test
    void averageAfterKUpdatesIsTheHandComputedAverage() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Block trained = linearWithBatchNorm(manager);
            TrainableNetwork network = new TrainableNetwork(
                    "generator",
                    trained,
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(),
                    manager,
                    List.of(Device.cpu()));
            WeightAverage average =
                    new WeightAverage(network, linearWithBatchNorm(manager), manager, new AverageSettings(0.9, 2));
            assertEquals("generator-ema", average.network().name());
            // Every parameter, batch-norm running mean and variance included, set to known values per step.
            Map<String, float[]> expected = values(trained);
            assertEquals(
                    List.of(
                            "01Linear_weight",
                            "01Linear_bias",
                            "02BatchNorm_gamma",
                            "02BatchNorm_beta",
                            "02BatchNorm_runningMean",
                            "02BatchNorm_runningVar"),
                    new ArrayList<>(expected.keySet()));
            assertEquals(expected.keySet(), average.parameters().keySet());
            java.util.Random random = new java.util.Random(3);
            for (int step = 1; step <= 6; step++) {
                float d = average.decayAt(step);
                float w = 1f - d;
                for (Pair<String, Parameter> p : trained.getParameters()) {
                    NDArray array = p.getValue().getArray();
                    float[] next = new float[Math.toIntExact(array.size())];
                    float[] avg = expected.get(p.getKey());
                    for (int i = 0; i < next.length; i++) {
                        next[i] = (float) random.nextGaussian();
                        avg[i] = step <= 2 ? next[i] : avg[i] * (1f - w) + next[i] * w;
                    }
                    array.set(next);
                }
                average.update(step);
                for (Map.Entry<String, NDArray> e : average.parameters().entrySet()) {
                    assertArrayEquals(
                            expected.get(e.getKey()), e.getValue().toFloatArray(), "step " + step + ": " + e.getKey());
                }
            }
        }
    }

    @Test
    void decayWarmsUpAfterTheStartStep() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TrainableNetwork network = new TrainableNetwork(
                    "generator", linearWithBatchNorm(manager), null, manager, List.of(Device.cpu()));
            WeightAverage average =
                    new WeightAverage(network, linearWithBatchNorm(manager), manager, new AverageSettings(0.999, 100));
            assertEquals(0f, average.decayAt(1));
            assertEquals(0f, average.decayAt(100)); // until the start step: a copy
            assertEquals(2f / 11, average.decayAt(101), 1e-7); // n = 1: (1 + n) / (10 + n)
            assertEquals(101f / 110, average.decayAt(200), 1e-7);
            assertEquals(0.999f, average.decayAt(100_000), 1e-7); // capped at ema.decay
        }
    }

    @Test
    void aCopyOfAnotherArchitectureIsRefused() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TrainableNetwork network = new TrainableNetwork(
                    "generator", linearWithBatchNorm(manager), null, manager, List.of(Device.cpu()));
            Block other = new SequentialBlock().add(Linear.builder().setUnits(3).build());
            other.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new WeightAverage(network, other, manager, new AverageSettings(0.9, 0)));
            assertEquals(
                    "the average of generator needs a block of the same architecture (6 parameters, the copy has 2)",
                    e.getMessage());
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheKey() {
        assertEquals(
                "ema.decay must be in [0, 1), got 1.0; 0.999 averages over about the last 1,000 steps, 0 turns the"
                        + " average off",
                assertThrows(IllegalArgumentException.class, () -> new AverageSettings(1, 0))
                        .getMessage());
        assertEquals(
                "ema.start must be 0 or more steps, got -1",
                assertThrows(IllegalArgumentException.class, () -> new AverageSettings(0.5, -1))
                        .getMessage());
    }

    @Test
    void checkpointHoldsTheAverageAndAResumeContinuesItBitForBit(@TempDir Path dir) throws IOException {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        // Decay 0.9 after step 3: the average differs from the weights, and the warm-up crosses the resume.
        String[] ema = {"ema.decay=0.9", "ema.start=3"};
        Map<String, float[]> wholeAverage;
        Map<String, float[]> wholeRaw;
        try (GanTrainer t = GanTrainingTest.trainer(
                GanTrainingTest.config(append(ema, "epochs=3")), whole, DiscriminatorOutput.PROBABILITY)) {
            t.fit();
            wholeAverage = values(t.average().orElseThrow().network().block());
            wholeRaw = values(GanTrainingTest.network(t.step(), "generator"));
        }
        assertTrue(Files.size(whole.resolve("checkpoints/step-000000018/generator-ema-0003.params")) > 0);
        assertTrue(Files.readString(whole.resolve("checkpoints/step-000000018/manifest.sha256"))
                .contains("generator-ema-0003.params"));
        try (GanTrainer t = GanTrainingTest.trainer(
                GanTrainingTest.config(append(ema, "epochs=1")), parts, DiscriminatorOutput.PROBABILITY)) {
            t.fit();
        }
        try (GanTrainer t = GanTrainingTest.trainer(
                GanTrainingTest.config(append(ema, "epochs=3")), parts, DiscriminatorOutput.PROBABILITY)) {
            t.fit();
            assertSameValues(
                    wholeAverage, values(t.average().orElseThrow().network().block()), "resumed average");
            assertSameValues(wholeRaw, values(GanTrainingTest.network(t.step(), "generator")), "resumed generator");
        }
        boolean differs = false;
        for (String key : wholeRaw.keySet()) {
            differs |= !java.util.Arrays.equals(wholeRaw.get(key), wholeAverage.get(key));
        }
        assertTrue(differs, "the average equals the trained weights");
    }

    @Test
    void picturesAndSamplesComeFromTheAverage(@TempDir Path dir) throws IOException {
        try (GanTrainer t = GanTrainingTest.trainer(
                GanTrainingTest.config("ema.decay=0.9", "epochs=1"), dir, DiscriminatorOutput.PROBABILITY)) {
            t.fit();
            GanStep step = t.step();
            NDArray z = Latents.fixed(t.manager(), step.model().latentShape(), 4, 1);
            NDArray averaged = t.average().orElseThrow().network().forward(0, z, false);
            NDArray raw = GanTrainingTest.network(step, "generator")
                    .forward(
                            new ai.djl.training.ParameterStore(t.manager(), false), new ai.djl.ndarray.NDList(z), false)
                    .singletonOrThrow();
            assertArrayEquals(averaged.toFloatArray(), step.pictures().sample(z).toFloatArray());
            assertEquals(
                    List.of("generator", "discriminator", "generator-ema"),
                    step.networks().stream().map(TrainableNetwork::name).toList());
            assertFalse(
                    java.util.Arrays.equals(averaged.toFloatArray(), raw.toFloatArray()),
                    "averaged and raw images are equal");
        }
    }

    @Test
    void decayZeroKeepsNoAverage(@TempDir Path dir) throws IOException {
        try (GanTrainer t = GanTrainingTest.trainer(
                GanTrainingTest.config("ema.decay=0", "epochs=1"), dir, DiscriminatorOutput.PROBABILITY)) {
            t.fit();
            assertTrue(t.average().isEmpty());
            assertSame(t.step().networks().get(0), t.step().pictures().network());
            assertEquals(
                    List.of("generator", "discriminator"),
                    t.step().networks().stream().map(TrainableNetwork::name).toList());
        }
        assertFalse(Files.exists(dir.resolve("checkpoints/step-000000006/generator-ema-0001.params")));
    }

    /** Two replicas: the average follows replica 0, which the optimizer updates (a copy before the start step). */
    @Test
    void dataParallelAverageFollowsTheFirstReplica(@TempDir Path dir) throws IOException {
        try (GanTrainer t = GanTrainingTest.trainer(
                GanTrainingTest.config("device=cpu,cpu", "epochs=1", "ema.start=1000"),
                dir,
                DiscriminatorOutput.PROBABILITY)) {
            t.fit();
            assertSameValues(
                    values(GanTrainingTest.network(t.step(), "generator")),
                    values(t.average().orElseThrow().network().block()),
                    "average before its start step");
        }
    }

    @Test
    void conditionalModelSamplesEveryClassFromTheAverage(@TempDir Path dir) throws IOException {
        try (GanTrainer t = ConditionalTrainingTest.trainer(
                GanTrainingTest.config("ema.decay=0.9", "epochs=1"),
                dir,
                DiscriminatorOutput.PROBABILITY,
                Conditioning.LABEL_MAPS)) {
            t.fit();
            GanStep step = t.step();
            NDArray z = Latents.fixed(t.manager(), step.model().latentShape(), 4, 1);
            NDArray labels = Latents.balancedLabels(t.manager(), 4, 2);
            NDArray averaged = t.average()
                    .orElseThrow()
                    .network()
                    .forward(0, new ai.djl.ndarray.NDList(z, labels), false)
                    .singletonOrThrow();
            NDArray raw = step.networks()
                    .get(0)
                    .forward(0, new ai.djl.ndarray.NDList(z, labels), false)
                    .singletonOrThrow();
            assertArrayEquals(
                    averaged.toFloatArray(), step.pictures().sample(z, labels).toFloatArray());
            assertArrayEquals(averaged.toFloatArray(), step.pictures().sample(z).toFloatArray()); // balanced labels
            assertFalse(java.util.Arrays.equals(averaged.toFloatArray(), raw.toFloatArray()));
        }
        assertTrue(Files.exists(dir.resolve("checkpoints/step-000000006/generator-ema-0001.params")));
    }

    private static String[] append(String[] a, String b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + 1);
        all[a.length] = b;
        return all;
    }

    private static Map<String, float[]> values(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static void assertSameValues(Map<String, float[]> expected, Map<String, float[]> actual, String message) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertArrayEquals(expected.get(key), actual.get(key), message + ": " + key);
        }
    }
}
