package io.ganpoet.train;

import static io.ganpoet.train.GanTrainingTest.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.train.loop.Position;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.loop.TrainingLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own listener on ganpoet's trainers, told what DJL's training listeners are told. */
class TrainerListenersTest {

    /** Records what it was told, as short lines. */
    static final class Recorder implements RunListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onStart(TrainingLoop.RunInfo run, Position resumedFrom) {
            events.add("start " + run.name() + " " + run.metricNames() + " from " + resumedFrom.step());
        }

        @Override
        public void onStep(StepEvent event) {
            events.add("step " + event.step() + " metrics "
                    + event.metrics().names().size());
        }

        @Override
        public void onEpochEnd(int epoch) {
            events.add("epoch " + epoch);
        }

        @Override
        public void onCheckpoint(Path checkpoint, Position position) {
            events.add("checkpoint " + checkpoint.getFileName() + " at " + position.step());
        }

        @Override
        public void onEnd(boolean completed) {
            events.add("end " + completed);
        }
    }

    @Test
    void aGanTrainersListenerHearsEveryStepEpochAndCheckpoint(@TempDir Path dir) throws IOException {
        Recorder recorder = new Recorder();
        // No PrintStream: progress is logged through SLF4J, nothing is printed.
        try (GanTrainer trainer = GanTrainer.create(
                new TinyGan(DiscriminatorOutput.PROBABILITY),
                TinyGan.squares(256, 1),
                config("epochs=1", "steps_per_epoch=3"),
                dir.resolve("run"))) {
            trainer.addListener(recorder).fit();
        }
        List<String> events = recorder.events;
        assertEquals(7, events.size(), events.toString());
        assertEquals(true, events.get(0).startsWith("start Tiny [loss_d, loss_g"), events.get(0));
        assertEquals(true, events.get(0).endsWith(" from 0"), events.get(0));
        int count = Integer.parseInt(events.get(1).substring(events.get(1).lastIndexOf(' ') + 1));
        assertEquals(true, count >= 2, events.get(1));
        assertEquals(
                List.of(
                        "step 1 metrics " + count,
                        "step 2 metrics " + count,
                        "step 3 metrics " + count,
                        "epoch 1",
                        "checkpoint step-000000003 at 3",
                        "end true"),
                events.subList(1, 7));
    }

    @Test
    void aTrainerBuiltAndRunOnAnotherThreadTrains(@TempDir Path dir) throws Exception {
        // DJL turns autograd recording off only on the thread that started the engine.
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Position end = worker.submit(() -> {
                        try (GanTrainer trainer = GanTrainer.create(
                                new TinyGan(DiscriminatorOutput.PROBABILITY),
                                TinyGan.squares(256, 1),
                                config("epochs=1", "steps_per_epoch=2"),
                                dir.resolve("run"))) {
                            return trainer.fit();
                        }
                    })
                    .get();
            assertEquals(new Position(1, 0, 2), end);
        } finally {
            worker.shutdown();
        }
    }

    @Test
    void anAutoencoderTrainersListenerHearsTheRunToo(@TempDir Path dir) throws IOException {
        Recorder recorder = new Recorder();
        try (AutoencoderTrainer trainer = AutoencoderTrainer.create(
                new TinyAutoencoder(false),
                TinyGan.squares(256, 1),
                AutoencoderTrainingTest.config("epochs=1", "steps_per_epoch=2"),
                dir.resolve("run"))) {
            trainer.addListener(recorder).fit();
        }
        assertEquals("epoch 1", recorder.events.get(3));
        assertEquals("checkpoint step-000000002 at 2", recorder.events.get(4));
        assertEquals("end true", recorder.events.get(5));
    }
}
