package io.ganpoet.train;

import static io.ganpoet.train.GanTrainingTest.config;
import static io.ganpoet.train.GanTrainingTest.trainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.loop.Position;
import io.ganpoet.train.loop.TrainingStoppedException;
import io.ganpoet.train.run.Checkpoints;
import io.ganpoet.train.run.ResumeConflictException;
import io.ganpoet.train.run.RunDirectory;
import io.ganpoet.train.run.RunInUseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run directory's identity, its lock, and what a failed or stopped command leaves. */
class RunDirectoryTest {

    /** Every file under a directory with its SHA-256: equal snapshots mean byte-identical trees. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), io.ganpoet.runtime.run.CheckpointManifest.sha256(p));
            }
        }
        return files;
    }

    private static Path trained(Path dir, String... overrides) throws IOException {
        try (GanTrainer t = trainer(config(overrides), dir, DiscriminatorOutput.PROBABILITY)) {
            t.fit();
        }
        return dir;
    }

    @Test
    void resumeWithOtherSettingsIsRefusedNamingEachKeyAndChangesNoByte(@TempDir Path dir) throws IOException {
        Path run = trained(dir.resolve("run"), "epochs=1");
        Map<String, String> before = snapshot(run);
        ResumeConflictException e = assertThrows(
                ResumeConflictException.class,
                () -> trainer(
                        config("epochs=2", "batch_size=32", "loss.kind=hinge", "seed=8"),
                        run,
                        DiscriminatorOutput.PROBABILITY));
        assertTrue(
                e.getMessage().startsWith(run + " was trained with other settings than those asked for"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("batch_size is 16 there, asked 32; seed is 7 there, asked 8;"
                                + " loss.kind is 'bce' there, asked 'hinge'. Resume without changing them"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("Keys that may change on resume: epochs, device, cpu_threads"), e.getMessage());
        assertEquals(before, snapshot(run));
    }

    @Test
    void allowedChangesAreRecordedInTheResumeLogAndConfigYamlKeepsTheFirstRun(@TempDir Path dir) throws IOException {
        Path run = trained(dir.resolve("run"), "epochs=1");
        String firstConfig = Files.readString(run.resolve("config.yaml"));
        try (GanTrainer t =
                trainer(config("epochs=2", "optimizer.generator.lr=0.001"), run, DiscriminatorOutput.PROBABILITY)) {
            assertEquals(
                    "[epochs 1 -> 2, optimizer.generator.lr 2.0E-4 -> 0.001]",
                    t.changes().toString());
            assertEquals(2, t.fit().epoch());
        }
        assertEquals(firstConfig, Files.readString(run.resolve("config.yaml")));
        List<String> log = Files.readAllLines(run.resolve(RunDirectory.RESUME_LOG));
        assertTrue(log.get(0).startsWith("- at: "), log.toString());
        assertEquals(
                List.of(
                        "  from_step: 6",
                        "  changes:",
                        "    epochs: {from: 1, to: 2}",
                        "    optimizer.generator.lr: {from: 2.0E-4, to: 0.001}"),
                log.subList(1, log.size()));
        // The newest checkpoint records the settings its weights were last trained with.
        ExperimentConfig latest = ExperimentConfig.parse(
                new Checkpoints(run.resolve("checkpoints"))
                        .readLatest()
                        .orElseThrow()
                        .configYaml(),
                "checkpoint");
        assertEquals(0.001, latest.real("optimizer.generator.lr"));
    }

    @Test
    void fewerEpochsThanTrainedIsRefusedSayingSo(@TempDir Path dir) throws IOException {
        Path run = trained(dir.resolve("run"), "epochs=2");
        Map<String, String> before = snapshot(run);
        ResumeConflictException e = assertThrows(
                ResumeConflictException.class, () -> trainer(config("epochs=1"), run, DiscriminatorOutput.PROBABILITY));
        assertEquals(
                run + " has already trained 2 epochs; epochs 1 is behind that, and a run never un-trains."
                        + " Ask for epochs 3 or more to continue, or sample the run as it is",
                e.getMessage());
        // Asking for exactly what it has trained is nothing to do: no file is touched.
        try (GanTrainer t = trainer(config("epochs=2"), run, DiscriminatorOutput.PROBABILITY)) {
            assertTrue(t.complete());
            assertEquals(2, t.fit().epoch());
        }
        assertEquals(before, snapshot(run));
    }

    @Test
    void newRunStoppedBeforeItsFirstStepLeavesNoDirectory(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        try (GanTrainer t = trainer(config(), run, DiscriminatorOutput.PROBABILITY)) {
            TrainingStoppedException e = assertThrows(TrainingStoppedException.class, () -> t.fit(() -> true));
            assertTrue(e.checkpoint().isEmpty());
        }
        assertFalse(Files.exists(run), "no half-made run directory");
        // An empty folder given as the run directory is left empty again.
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try (GanTrainer t = trainer(config(), empty, DiscriminatorOutput.PROBABILITY)) {
            assertThrows(TrainingStoppedException.class, () -> t.fit(() -> true));
        }
        assertEquals(Map.of(), snapshot(empty));
        assertTrue(Files.isDirectory(empty));
    }

    @Test
    void stopBetweenStepsCheckpointsThePositionAndTheRunResumesFromIt(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        AtomicInteger asked = new AtomicInteger();
        try (GanTrainer t = trainer(config(), run, DiscriminatorOutput.PROBABILITY)) {
            // asked before each step: yes before the 9th, i.e. after 8 steps (epoch 2, step 2)
            TrainingStoppedException e =
                    assertThrows(TrainingStoppedException.class, () -> t.fit(() -> asked.incrementAndGet() > 8));
            assertEquals(new Position(1, 2, 8), e.position());
            assertEquals(
                    run.resolve("checkpoints/step-000000008"), e.checkpoint().orElseThrow());
            assertEquals(
                    "stopped at epoch 2, global step 8; the checkpoint "
                            + e.checkpoint().get() + " holds it",
                    e.getMessage());
        }
        io.ganpoet.runtime.run.CheckpointManifest.verify(run.resolve("checkpoints/step-000000008"));
        try (GanTrainer t = trainer(config(), run, DiscriminatorOutput.PROBABILITY)) {
            assertEquals(new Position(2, 0, 12), t.fit());
        }
        assertEquals(13, Files.readAllLines(run.resolve("metrics.csv")).size()); // header + 12 steps, none twice
    }

    @Test
    void secondTrainerInTheSameProcessIsRefusedAndTheFirstKeepsItsLock(@TempDir Path dir) throws IOException {
        Path run = trained(dir.resolve("run"), "epochs=1");
        Map<String, String> before = snapshot(run);
        try (RunDirectory held = RunDirectory.open(run)) {
            RunInUseException e = assertThrows(
                    RunInUseException.class, () -> trainer(config("epochs=2"), run, DiscriminatorOutput.PROBABILITY));
            long pid = ProcessHandle.current().pid();
            assertEquals(
                    run + " is in use by another trainer of this process (pid " + pid + "); close that one first",
                    e.getMessage());
            assertTrue(held.checkpoint().isPresent());
        }
        assertEquals(before, snapshot(run));
        try (GanTrainer t = trainer(config("epochs=2"), run, DiscriminatorOutput.PROBABILITY)) {
            assertEquals(2, t.fit().epoch()); // released: the next one gets it
        }
    }

    /** Holds a run directory's lock until killed: the other process of the lock tests. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            RunDirectory.open(Path.of(args[0]));
            System.out.println("locked");
            Thread.sleep(120_000);
        }
    }

    @Test
    void otherProcessIsNamedByPidAndItsLockGoesWhenItIsKilled(@TempDir Path dir) throws Exception {
        Path run = trained(dir.resolve("run"), "epochs=1");
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Holder.class.getName(),
                        run.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            Map<String, String> before = snapshot(run);
            RunInUseException e = assertThrows(RunInUseException.class, () -> RunDirectory.open(run));
            assertEquals(
                    run + " is in use by another ganpoet process (pid " + holder.pid()
                            + "); wait until it ends, or stop it" + " (kill -INT " + holder.pid()
                            + " checkpoints and stops it), then run again",
                    e.getMessage());
            assertEquals(before, snapshot(run));
        } finally {
            holder.destroyForcibly(); // SIGKILL: no code of the holder runs, the kernel drops its lock
            holder.waitFor();
        }
        try (RunDirectory free = RunDirectory.open(run)) {
            assertEquals(1, free.checkpoint().orElseThrow().position().epoch());
        }
    }

    @Test
    void aFileOrAForeignFolderIsNoRunDirectory(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> RunDirectory.open(file));
        assertEquals(file + " is a file, not a run directory; name a new directory or an existing run", e.getMessage());
        Path foreign = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(foreign.resolve("cat.jpg"), "meow");
        e = assertThrows(IOException.class, () -> RunDirectory.open(foreign));
        assertTrue(e.getMessage().startsWith(foreign + " holds files but no ganpoet run"), e.getMessage());
        assertEquals(
                Map.of("cat.jpg", io.ganpoet.runtime.run.CheckpointManifest.sha256(foreign.resolve("cat.jpg"))),
                snapshot(foreign));
    }
}
