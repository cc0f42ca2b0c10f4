package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.TrainingDivergedException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.Batch;
import ai.djl.util.Pair;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.gan.GanStep;
import io.ganpoet.train.loop.LoopSettings;
import io.ganpoet.train.loop.Metrics;
import io.ganpoet.train.loop.Position;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.loop.TrainingLoop;
import io.ganpoet.train.loop.TrainingStep;
import io.ganpoet.train.optim.OptimizerSettings;
import io.ganpoet.train.report.MetricsCsv;
import io.ganpoet.train.run.Checkpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The GAN trainer on a tiny model and synthetic data: seconds, not minutes. */
class GanTrainingTest {

    static ExperimentConfig config(String... overrides) {
        List<String> all = new ArrayList<>(List.of(
                "epochs=2",
                "batch_size=16",
                "steps_per_epoch=6",
                "sample.grid=16",
                "log.every_steps=3",
                "seed=7",
                "cpu_threads=1"));
        all.addAll(List.of(overrides));
        return ExperimentConfig.defaults().withOverrides(all);
    }

    static GanTrainer trainer(ExperimentConfig config, Path dir, DiscriminatorOutput output) throws IOException {
        return GanTrainer.create(
                GanTrainingConfig.builder(new TinyGan(output), TinyGan.squares(256, 1))
                        .optExperiment(config)
                        .optProgress(new PrintStream(new ByteArrayOutputStream()), false)
                        .build(),
                dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bce", "minimax", "hinge", "lsgan", "wgan-gp"})
    void everyLossGivesFiniteMetrics(String loss, @TempDir Path dir) throws IOException {
        DiscriminatorOutput output = loss.equals("bce") || loss.equals("minimax")
                ? DiscriminatorOutput.PROBABILITY
                : DiscriminatorOutput.LOGIT;
        try (GanTrainer t = trainer(
                config("loss.kind=" + loss, "loss.n_critic=2", "epochs=1", "loss.label_smoothing=0.1"), dir, output)) {
            assertEquals(1, t.fit().epoch());
        }
        List<String[]> rows = MetricsCsv.read(dir.resolve("metrics.csv"));
        assertEquals(
                List.of("epoch", "step", "loss_d", "loss_g", "d_real", "d_fake", "images_per_sec"),
                List.of(rows.get(0)));
        assertEquals(7, rows.size());
        for (String[] row : rows.subList(1, rows.size())) {
            for (String cell : row) {
                assertTrue(Double.isFinite(Double.parseDouble(cell)), String.join(",", row));
            }
        }
    }

    @Test
    void discriminatorLearnsToTellRealFromFakeWithinAFewSteps(@TempDir Path dir) throws IOException {
        try (GanTrainer t = trainer(
                config("epochs=1", "steps_per_epoch=12", "optimizer.discriminator.lr=0.005", "init=default"),
                dir,
                DiscriminatorOutput.PROBABILITY)) {
            t.fit();
        }
        List<String[]> rows = MetricsCsv.read(dir.resolve("metrics.csv"));
        String[] last = rows.get(rows.size() - 1);
        double dReal = Double.parseDouble(last[4]);
        double dFake = Double.parseDouble(last[5]);
        assertTrue(dReal > dFake + 0.1, "D(x) = " + dReal + ", D(G(z)) = " + dFake);
    }

    /** The data-parallel path end to end: two replicas on the CPU, one shard each. */
    @Test
    void trainsDataParallelOverTwoReplicas(@TempDir Path dir) throws IOException {
        try (GanTrainer t = trainer(
                config(
                        "device=cpu,cpu",
                        "epochs=1",
                        "steps_per_epoch=12",
                        "optimizer.discriminator.lr=0.005",
                        "init=default"),
                dir,
                DiscriminatorOutput.PROBABILITY)) {
            assertEquals(
                    List.of(ai.djl.Device.cpu(), ai.djl.Device.cpu()), t.info().devices());
            assertEquals(12, t.fit().step());
        }
        List<String[]> rows = MetricsCsv.read(dir.resolve("metrics.csv"));
        String[] last = rows.get(rows.size() - 1);
        assertTrue(Double.parseDouble(last[4]) > Double.parseDouble(last[5]) + 0.1, String.join(",", last));
    }

    @Test
    void eachStepUpdatesOnlyItsOwnNetwork(@TempDir Path dir) throws IOException {
        try (GanTrainer t = trainer(config(), dir, DiscriminatorOutput.LOGIT);
                NDManager scope = t.manager().newSubManager()) {
            GanStep step = t.step();
            List<NDArray> batch = List.of(TinyGan.squares(16, 3).batch(scope, range(16)));
            Block g = network(step, "generator");
            Block d = network(step, "discriminator");

            Map<String, float[]> gBefore = trainable(g);
            Map<String, float[]> dBefore = trainable(d);
            step.updateDiscriminator(batch, Optional.empty());
            assertSame(gBefore, trainable(g), "discriminator step changed the generator");
            assertChanged(dBefore, trainable(d));

            dBefore = trainable(d);
            gBefore = trainable(g);
            step.updateGenerator(batch, Optional.empty(), Optional.empty());
            assertSame(dBefore, trainable(d), "generator step changed the discriminator");
            assertChanged(gBefore, trainable(g));
        }
    }

    /**
     * The generator's backward pass leaves gradients on the discriminator. The next discriminator
     * update must equal one computed from a fresh state with the same parameters and moments.
     */
    @Test
    void generatorGradientsDoNotLeakIntoTheNextDiscriminatorUpdate(@TempDir Path dir) throws IOException {
        ExperimentConfig config = config("epochs=1", "steps_per_epoch=2");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Map<String, float[]> leaked;
        try (GanTrainer t = trainer(config, a, DiscriminatorOutput.PROBABILITY)) {
            t.fit(); // one epoch, checkpointed
            try (NDManager scope = t.manager().newSubManager()) {
                List<NDArray> batch = List.of(TinyGan.squares(16, 5).batch(scope, range(16)));
                t.step().updateGenerator(batch, Optional.empty(), Optional.empty()); // leaves gradients on D
                new Checkpoints(b.resolve("checkpoints"))
                        .save(
                                new Position(1, 0, 7),
                                7,
                                config.toYaml(),
                                t.step().networks());
                ai.djl.engine.Engine.getInstance().setRandomSeed(99);
                t.step().updateDiscriminator(batch, Optional.empty());
                leaked = trainable(network(t.step(), "discriminator"));
            }
        }
        try (GanTrainer fresh = trainer(config, b, DiscriminatorOutput.PROBABILITY);
                NDManager scope = fresh.manager().newSubManager()) {
            new Checkpoints(b.resolve("checkpoints")).load(fresh.step().networks(), fresh.manager());
            List<NDArray> batch = List.of(TinyGan.squares(16, 5).batch(scope, range(16)));
            ai.djl.engine.Engine.getInstance().setRandomSeed(99);
            fresh.step().updateDiscriminator(batch, Optional.empty());
            assertSame(
                    trainable(network(fresh.step(), "discriminator")), leaked, "D update differs from a fresh state's");
        }
    }

    @Test
    void runDirectoryHoldsEveryFile(@TempDir Path dir) throws IOException {
        try (GanTrainer t = trainer(config(), dir, DiscriminatorOutput.PROBABILITY)) {
            t.fit();
        }
        String checkpoint = "checkpoints/step-000000012/";
        for (String file : List.of(
                "config.yaml",
                "summary.txt",
                "metrics.csv",
                "samples/epoch-001.png",
                "samples/epoch-002.png",
                "samples.gif",
                "plots/losses.png",
                "plots/discriminator.png",
                checkpoint + "generator-0002.params",
                checkpoint + "generator-ema-0002.params",
                checkpoint + "discriminator-0002.params",
                checkpoint + "generator-optimizer.ndlist",
                checkpoint + "discriminator-optimizer.ndlist",
                checkpoint + "position.yaml",
                checkpoint + "config.yaml",
                checkpoint + "manifest.sha256")) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        // Only the newest checkpoint stays, and no partial one.
        try (var list = Files.list(dir.resolve("checkpoints"))) {
            assertEquals(
                    List.of("step-000000012"),
                    list.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(
                "epoch: 2\nstep_in_epoch: 0\nstep: 12\nseed: 7\n",
                Files.readString(dir.resolve(checkpoint + "position.yaml")));
        byte[] gif = Files.readAllBytes(dir.resolve("samples.gif"));
        assertEquals("GIF89a", new String(gif, 0, 6, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void resumedRunReproducesTheUninterruptedRun(@TempDir Path dir) throws IOException {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        try (GanTrainer t = trainer(config("epochs=3"), whole, DiscriminatorOutput.PROBABILITY)) {
            t.fit();
        }
        try (GanTrainer t = trainer(config("epochs=1"), parts, DiscriminatorOutput.PROBABILITY)) {
            t.fit();
        }
        // An interrupted second epoch: rows beyond the checkpoint must not survive the resume.
        Files.writeString(parts.resolve("metrics.csv"), "2,7,9,9,9,9,9\n", java.nio.file.StandardOpenOption.APPEND);
        try (GanTrainer t = trainer(config("epochs=3"), parts, DiscriminatorOutput.PROBABILITY)) {
            assertEquals(3, t.fit().epoch());
        }
        List<String[]> a = MetricsCsv.read(whole.resolve("metrics.csv"));
        List<String[]> b = MetricsCsv.read(parts.resolve("metrics.csv"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            // every column but images_per_sec (a timing)
            assertArrayEquals(java.util.Arrays.copyOf(a.get(i), 6), java.util.Arrays.copyOf(b.get(i), 6), "row " + i);
        }
    }

    @Test
    void nonFiniteLossStopsNamingEpochAndStepAndKeepsTheCheckpoint(@TempDir Path dir) throws IOException {
        ImageSet data = TinyGan.squares(64, 2);
        Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"));
        TrainingStep exploding = new TrainingStep() {
            int calls;

            @Override
            public List<String> metricNames() {
                return List.of("loss_d", "loss_g");
            }

            @Override
            public Metrics trainBatch(List<Batch> shards) {
                calls++;
                return Metrics.of(metricNames(), calls > 5 ? Float.NaN : 1f, 1f);
            }

            @Override
            public List<TrainableNetwork> networks() {
                return List.of();
            }
        };
        TrainingLoop loop = new TrainingLoop(
                exploding,
                data,
                LoopSettings.from(config("epochs=3", "steps_per_epoch=4")),
                List.of(ai.djl.Device.cpu()),
                List.of(),
                checkpoints.store(7, ""),
                "exploding",
                dir);
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> loop.run(manager));
            assertEquals(
                    "loss_d is NaN at epoch 2, step 2 (global step 6); stopped. The newest checkpoint, "
                            + dir.resolve("checkpoints/step-000000004")
                            + ", is as it was; try a lower learning rate or another loss, or the setting kernels: trusted to rule out the"
                            + " native convolution kernels",
                    e.getMessage());
            assertEquals(
                    new Position(1, 0, 4),
                    checkpoints.readLatest().orElseThrow().position());
        }
    }

    @Test
    void failedCheckpointWriteLeavesThePreviousOneLoadable(@TempDir Path dir) throws IOException {
        try (GanTrainer t = trainer(config("epochs=1"), dir, DiscriminatorOutput.PROBABILITY)) {
            t.fit();
        }
        Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"));
        Path saved = checkpoints.latest().orElseThrow();
        String manifestBefore = Files.readString(saved.resolve("manifest.sha256"));
        // A network whose parameters cannot be written (never initialised) fails the save half way.
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableNetwork broken = new TrainableNetwork(
                    "generator",
                    new TinyGan(DiscriminatorOutput.LOGIT).newGenerator(),
                    new OptimizerSettings(1e-3, 0.5, 0.999).toOptimizer(),
                    manager,
                    List.of(ai.djl.Device.cpu()));
            assertThrows(
                    IllegalStateException.class,
                    () -> checkpoints.save(new Position(2, 0, 12), 7, "", List.of(broken)));
        }
        assertEquals(saved, checkpoints.latest().orElseThrow());
        io.ganpoet.runtime.run.CheckpointManifest.verify(saved);
        assertEquals(manifestBefore, Files.readString(saved.resolve("manifest.sha256")));
        assertEquals(1, checkpoints.readLatest().orElseThrow().position().epoch());
    }

    @Test
    void dataOfTheWrongShapeIsRejectedNamingBoth(@TempDir Path dir) {
        ImageSet wrong = new io.ganpoet.train.data.InMemoryImages(
                new byte[4 * 3 * 8 * 8], null, new ai.djl.ndarray.types.Shape(3, 8, 8), "rgb-folder");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> GanTrainer.create(
                        GanTrainingConfig.builder(new TinyGan(DiscriminatorOutput.LOGIT), wrong)
                                .optExperiment(config())
                                .optProgress(new PrintStream(new ByteArrayOutputStream()), false)
                                .build(),
                        dir));
        assertEquals(
                "rgb-folder: images are (3, 8, 8) but Tiny takes (1, 8, 8); give images of that shape, or a model that takes these",
                e.getMessage());
    }

    static Block network(GanStep step, String name) {
        return step.networks().stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow()
                .block();
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    static Map<String, float[]> trainable(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                values.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return values;
    }

    static void assertSame(Map<String, float[]> expected, Map<String, float[]> actual, String message) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertArrayEquals(expected.get(key), actual.get(key), message + ": " + key);
        }
    }

    static void assertChanged(Map<String, float[]> before, Map<String, float[]> after) {
        boolean changed = false;
        for (String key : before.keySet()) {
            changed |= !java.util.Arrays.equals(before.get(key), after.get(key));
        }
        assertTrue(changed, "the step did not update its own network");
    }
}
