package io.ganpoet.samples;

import static io.ganpoet.samples.AppTest.run;
import static io.ganpoet.samples.AppTest.tiny;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.ganpoet.runtime.image.ImageGrid;
import io.ganpoet.runtime.run.Latents;
import io.ganpoet.samples.AppTest.Result;
import io.ganpoet.samples.specs.FashionGan;
import io.ganpoet.train.run.Checkpoints;
import io.ganpoet.train.run.RunDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issue-13 table, row by row: what the user did, and the one sentence they now get. */
class AppFailuresTest {

    @TempDir
    static Path shared;

    /** A two-epoch tiny Fashion run, trained once for the tests that only read it or are refused by it. */
    static Path trained;

    @BeforeAll
    static void trainOnce() {
        trained = shared.resolve("run");
        Result r = run(tiny("train", "--epochs", "2", "--run", trained.toString(), "--set", "eval.fd_samples=0"));
        assertEquals(0, r.code(), r.err() + r.out());
    }

    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(
                        dir.relativize(p).toString(),
                        Long.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))) + ":" + Files.size(p));
            }
        }
        return files;
    }

    /** One line on standard error, the command named, no stack trace, no "null". */
    static void oneSentence(Result r, int code, String expected) {
        assertEquals(code, r.code(), r.err() + r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(expected), r.err());
        assertFalse(
                r.err().contains("Exception")
                        || r.err().contains("\tat ")
                        || r.err().contains("null"),
                r.err());
    }

    @Test
    void refusedResumesNameEachKeyAndLeaveTheRunByteIdentical(@TempDir Path dir) throws IOException {
        Path images = Files.createDirectories(dir.resolve("faces"));
        ImageIO.write(
                new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB),
                "png",
                images.resolve("a.png").toFile());
        Map<String, String> before = snapshot(trained);
        String run = trained.toString();

        oneSentence(
                run("train", "--run", run, "--model", "dcgan", "--data", images.toString()),
                2,
                "ganpoet train: " + run
                        + " was trained with other settings than those asked for, and a run keeps the settings"
                        + " its weights were made with: model is 'fashion' there, asked 'dcgan'; data.kind is 'embedded' there,"
                        + " asked 'folder'; data.path is '' there, asked '" + images.toAbsolutePath() + "'.");
        oneSentence(
                run("train", "--run", run, "--set", "batch_size=32", "--set", "loss.kind=hinge"),
                2,
                "batch_size is 16 there, asked 32; loss.kind is 'bce' there, asked 'hinge'. Resume without changing them");
        oneSentence(
                run("train", "--run", run, "--epochs", "1"),
                2,
                run + " has already trained 2 epochs; epochs 1 is behind that, and a run never un-trains."
                        + " Ask for epochs 3 or more to continue");
        oneSentence(
                run("train", "--run", run, "--set", "epochs=!!java.lang.Integer 1"),
                2,
                "command line: epochs=!!java.lang.Integer 1: the value of 'epochs' is not a plain YAML value");
        oneSentence(
                run("train", "--run", run, "--set", "data.kind=idx", "--set", "data.path={"),
                2,
                "data.kind is 'embedded' there, asked 'idx'; data.path is '' there, asked '{'");
        Result done = run("train", "--run", run, "--epochs", "2");
        assertEquals(0, done.code(), done.err());
        assertEquals(
                run
                        + " has trained 2 epochs, all of the 2 asked for; nothing to train, nothing changed. To train further:"
                        + " ganpoet train --run " + run + " --epochs 3",
                done.out().strip());
        assertEquals(before, snapshot(trained));
        // and the run still samples
        Result sample =
                run("sample", run, "--count", "4", "--out", dir.resolve("s.png").toString());
        assertEquals(0, sample.code(), sample.err());
    }

    @Test
    void resumeMayChangeTheAllowedKeysAndTheRunRecordsIt(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        assertEquals(
                0,
                run(tiny("train", "--epochs", "1", "--run", run.toString(), "--set", "eval.fd_samples=0"))
                        .code());
        String config = Files.readString(run.resolve("config.yaml"));
        Result more = run("train", "--run", run.toString(), "--epochs", "2", "--set", "optimizer.generator.lr=1e-4");
        assertEquals(0, more.code(), more.err());
        assertTrue(
                more.out()
                        .contains("resuming " + run
                                + " after 1 epoch; changed (recorded in resume-log.yaml): epochs 1 -> 2,"
                                + " optimizer.generator.lr 3.0E-4 -> 1.0E-4"),
                more.out());
        assertEquals(config, Files.readString(run.resolve("config.yaml")));
        assertTrue(Files.readString(run.resolve("resume-log.yaml")).contains("    epochs: {from: 1, to: 2}\n"));
    }

    @Test
    void badInputIsOneSentenceWithExitCode2(@TempDir Path dir) throws IOException {
        oneSentence(
                run("train", "--config", "missing.yaml"),
                2,
                "ganpoet train: --config missing.yaml: no such file; give an experiment YAML file");
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        oneSentence(
                run("train", "--run", file.toString()),
                2,
                "ganpoet train: --run " + file
                        + " is a file; give a new directory, or an existing run directory to resume it");
        Path hinge = Files.writeString(dir.resolve("hinge.yaml"), "loss: hinge\n");
        oneSentence(
                run(
                        "train",
                        "--config",
                        hinge.toString(),
                        "--run",
                        dir.resolve("r").toString()),
                2,
                hinge
                        + ": 'loss' is a group of keys (kind, label_smoothing, n_critic, gp_weight, generator_batch, fake_labels), not a value;"
                        + " write e.g. loss: {kind: hinge} in YAML, or the override loss.kind=hinge");
        Path fresh = dir.resolve("fresh");
        oneSentence(
                run(tiny("train", "--run", fresh.toString(), "--set", "data.kind=idx", "--set", "data.path={")),
                2,
                "no train-images-idx3-ubyte or train-images-idx3-ubyte.gz in {");
        assertFalse(Files.exists(fresh), "a refused new run leaves no directory");
        oneSentence(
                run(
                        "sample",
                        trained.toString(),
                        "--out",
                        dir.resolve("missing/grid.png").toString()),
                2,
                "ganpoet sample: cannot write " + dir.resolve("missing/grid.png") + ": the folder "
                        + dir.resolve("missing")
                        + " does not exist; create it, or choose another file with --out FILE");
        oneSentence(
                run("sample", trained.toString(), "--count", "100000"),
                2,
                "ganpoet sample: 100000 images at --scale 3 make a 741-megapixel picture, over the cap of 50 megapixels;"
                        + " ask for at most 6724 images at this scale (or lower --scale)");
    }

    @Test
    void sampleIntoAReadOnlyRunDirectoryNamesTheFile(@TempDir Path dir) throws IOException {
        Path readOnly = Files.createDirectories(dir.resolve("ro"));
        assertTrue(readOnly.toFile().setWritable(false, false));
        try {
            // root writes anywhere: there only the out-of-process fault run (a read-only mount) shows this row
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(readOnly), "running as root");
            oneSentence(
                    run(
                            "sample",
                            trained.toString(),
                            "--count",
                            "4",
                            "--out",
                            readOnly.resolve("g.png").toString()),
                    2,
                    "ganpoet sample: cannot write " + readOnly.resolve("g.png")
                            + ": permission denied; choose another file");
        } finally {
            readOnly.toFile().setWritable(true, false);
        }
    }

    @Test
    void anUnexpectedErrorIsASentenceAndDebugAddsTheTrace() {
        Result plain = run("summary", "--model", "cats");
        oneSentence(plain, 2, "ganpoet summary: unknown model 'cats'; known: fashion, faces, dcgan");
        Result debug = run("summary", "--model", "cats", "--debug");
        assertEquals(2, debug.code());
        assertTrue(debug.err().contains("\tat io.ganpoet.samples.Models.named"), debug.err());
        assertEquals(
                "unexpected java.lang.NullPointerException (a bug; --debug prints where it happened)",
                GanpoetApp.sentence(new NullPointerException()));
    }

    @Test
    void sampleStreamsBatchesIntoTheGridItWouldDrawAtOnce(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("many.png");
        Result r = run(
                "sample", trained.toString(), "--count", "300", "--scale", "1", "--seed", "5", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage streamed = ImageIO.read(png.toFile());
        BufferedImage whole;
        try (TrainedGenerator g = TrainedGenerator.load(trained);
                NDManager scope = g.manager().newSubManager()) {
            whole = ImageGrid.render(
                    g.generate(Latents.fixed(scope, new FashionGan().latentShape(), 300, 5)),
                    ImageGrid.columnsFor(300),
                    1);
        }
        assertEquals(whole.getWidth(), streamed.getWidth());
        assertArrayEquals(
                whole.getRGB(0, 0, whole.getWidth(), whole.getHeight(), null, 0, whole.getWidth()),
                streamed.getRGB(0, 0, whole.getWidth(), whole.getHeight(), null, 0, whole.getWidth()));
    }

    @Test
    void aSecondTrainOnARunInUseIsRefusedAndChangesNothing() throws IOException {
        Map<String, String> before = snapshot(trained);
        try (RunDirectory held = RunDirectory.open(trained)) {
            assertEquals(trained, held.directory());
            oneSentence(
                    run("train", "--run", trained.toString(), "--epochs", "3"),
                    2,
                    "ganpoet train: " + trained + " is in use by another trainer of this process (pid "
                            + ProcessHandle.current().pid() + ")");
        }
        assertEquals(before, snapshot(trained));
    }

    @Test
    void classifierRunsGoUnderRunsNotTheSourceTree() {
        assertEquals(
                Path.of("runs", "classifier-20250102-030405"),
                ClassifierCommand.defaultRun(LocalDateTime.of(2025, 1, 2, 3, 4, 5)));
    }

    /**
     * SIGINT in another JVM (a signal cannot be sent to this one): the step ends, its position is
     * checkpointed, the message says where and how to resume, and the exit status is 130.
     */
    @Test
    void sigintCheckpointsSaysHowToResumeAndExits130(@TempDir Path dir) throws Exception {
        stopsCleanlyOnSignal(dir.resolve("run"), "INT", 130);
    }

    /**
     * Trains in another JVM until its first checkpoint, sends {@code kill -SIGNAL}, and asserts the exit status,
     * a verifiable checkpoint, the resume line, and that the run resumes.
     */
    static void stopsCleanlyOnSignal(Path run, String signal, int expectedExit) throws Exception {
        // A job started in the background by a non-interactive shell (`mvn verify &`, a CI runner) inherits SIGINT
        // as ignored, and the JVM then keeps ignoring it, as every program does: Debian's perl (essential, always
        // there) gives the trainer SIGINT's default disposition, as a terminal's foreground job has it.
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/perl",
                "-e",
                "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                GanpoetApp.class.getName()));
        command.addAll(
                List.of(tiny("train", "--run", run.toString(), "--epochs", "1000", "--set", "eval.fd_samples=0")));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(output);
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        try {
            // Generous limits: on a loaded two-core machine the child's start and its last step took over a minute.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.exists(run.resolve("checkpoints"))
                    || new Checkpoints(run.resolve("checkpoints")).latest().isEmpty()) {
                assertTrue(p.isAlive() && System.nanoTime() < deadline, output.toString(StandardCharsets.UTF_8));
                Thread.sleep(100);
            }
            assertEquals(
                    0,
                    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                            .start()
                            .waitFor());
            assertTrue(
                    p.waitFor(180, TimeUnit.SECONDS),
                    "no exit 180 s after SIGINT/SIGTERM:\n" + output.toString(StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
        reader.join();
        String out = output.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, p.exitValue(), out);
        Path kept = new Checkpoints(run.resolve("checkpoints")).latest().orElseThrow();
        io.ganpoet.runtime.run.CheckpointManifest.verify(kept);
        assertTrue(out.contains("the checkpoint " + kept + " holds it. Resume with: ganpoet train --run " + run), out);
        int next = new Checkpoints(run.resolve("checkpoints"))
                        .readLatest()
                        .orElseThrow()
                        .position()
                        .epoch()
                + 1;
        Result resumed = run("train", "--run", run.toString(), "--epochs", Integer.toString(next));
        assertEquals(0, resumed.code(), resumed.err());
    }
}
