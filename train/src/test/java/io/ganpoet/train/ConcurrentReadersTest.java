package io.ganpoet.train;

import static io.ganpoet.train.GanTrainingTest.config;
import static io.ganpoet.train.GanTrainingTest.trainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.runtime.run.GeneratorSampler;
import io.ganpoet.runtime.run.SampleRequest;
import io.ganpoet.runtime.run.TrainedRun;
import io.ganpoet.train.loop.Position;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.loop.TrainingStoppedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers of a run (what {@code ganpoet sample} and {@code fd} do, through the runtime's run API)
 * while a trainer checkpoints every step and deletes the older checkpoints: every read succeeds, on
 * a verified checkpoint, and none calls a sound run damaged.
 */
class ConcurrentReadersTest {

    private static final int ROUNDS = 50;

    @Test
    void twoSamplersWhileTrainingCheckpointsEveryStepNeverFail(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        try (GanTrainer first = trainer(config("epochs=1"), run, DiscriminatorOutput.PROBABILITY)) {
            first.fit(); // a checkpoint to start from
        }
        AtomicInteger readsDuringTraining = new AtomicInteger();
        AtomicBoolean training = new AtomicBoolean(true);
        AtomicInteger checkpointsWritten = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                long seed = r;
                readers.add(pool.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        // Each round starts after a new checkpoint has replaced the previous one.
                        int seen = checkpointsWritten.get();
                        while (checkpointsWritten.get() == seen && training.get()) {
                            Thread.sleep(1);
                        }
                        try (GeneratorSampler sampler =
                                        TrainedRun.open(run).generator(new TinyGan(DiscriminatorOutput.PROBABILITY));
                                NDManager scope = NDManager.newBaseManager()) {
                            NDArray images = sampler.sample(scope, SampleRequest.of(4, seed));
                            float max = images.abs().max().getFloat();
                            if (!(max <= 1f)) {
                                failures.add("round " + round + ": images outside [-1, 1] (max |x| " + max + ")");
                            }
                            if (training.get()) {
                                readsDuringTraining.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.add("round " + round + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            // The trainer on this thread (DJL turns autograd off for inference on the thread that started
            // the engine), until both readers have done their rounds.
            try (GanTrainer t = trainer(
                    config("epochs=100000", "checkpoint.every_steps=1"), run, DiscriminatorOutput.PROBABILITY)) {
                t.addListener(new RunListener() {
                    @Override
                    public void onCheckpoint(Path checkpoint, Position position) {
                        checkpointsWritten.incrementAndGet();
                    }
                });
                t.fit(() -> readers.stream().allMatch(Future::isDone));
            } catch (TrainingStoppedException expected) {
                // the readers are done: stopped, with a checkpoint
            } finally {
                training.set(false);
            }
            for (Future<?> reader : readers) {
                reader.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(), failures);
        // The race was really run: every read happened while training went on, each after a rotation.
        assertEquals(2 * ROUNDS, readsDuringTraining.get());
        assertTrue(
                checkpointsWritten.get() >= ROUNDS, "checkpoints written while reading: " + checkpointsWritten.get());
        try (var list = Files.list(run.resolve("checkpoints"))) {
            assertEquals(1, list.count(), "older checkpoints are deleted as before");
        }
    }
}
