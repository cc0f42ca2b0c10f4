package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.runtime.run.DamagedCheckpointException;
import io.ganpoet.train.run.Checkpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints are DJL artifacts and verified before use: every kind of damage is refused with the
 * damaged file named, before any parameter is read.
 */
class CheckpointsTest {

    private static final String STEP = "checkpoints/step-000000006";

    @TempDir
    static Path trained;

    @BeforeAll
    static void trainOneEpoch() throws IOException {
        try (GanTrainer t = trainer(trained)) {
            t.fit();
        }
    }

    static GanTrainer trainer(Path dir) throws IOException {
        return GanTrainer.create(
                GanTrainingConfig.builder(new TinyGan(DiscriminatorOutput.PROBABILITY), TinyGan.squares(256, 1))
                        .optExperiment(GanTrainingTest.config("epochs=1"))
                        .optProgress(new PrintStream(new ByteArrayOutputStream()), false)
                        .build(),
                dir);
    }

    @Test
    void manifestListsEveryFileAndSha256sumWouldAgree() throws IOException {
        List<String> lines = Files.readAllLines(trained.resolve(STEP + "/manifest.sha256"));
        assertEquals(
                List.of(
                        "config.yaml",
                        "discriminator-0001.params",
                        "discriminator-optimizer.ndlist",
                        "generator-0001.params",
                        "generator-ema-0001.params",
                        "generator-optimizer.ndlist",
                        "position.yaml"),
                lines.stream().map(l -> l.substring(66)).toList());
        for (String line : lines) {
            assertEquals(
                    io.ganpoet.runtime.run.CheckpointManifest.sha256(
                            trained.resolve(STEP).resolve(line.substring(66))),
                    line.substring(0, 64));
        }
    }

    @Test
    void parametersLoadThroughDjlsModelApi() throws Exception {
        TinyGan model = new TinyGan(DiscriminatorOutput.PROBABILITY);
        try (Model djl = Model.newInstance("discriminator")) {
            djl.setBlock(model.newDiscriminator());
            djl.load(trained.resolve(STEP), "discriminator");
            try (GanTrainer t = trainer(trained);
                    NDManager m = NDManager.newBaseManager()) {
                Block ours = model.newDiscriminator();
                ours.initialize(m, DataType.FLOAT32, model.imageShape(1));
                new Checkpoints(trained.resolve("checkpoints"))
                        .loadNetworks(java.util.Map.of("discriminator", ours), m);
                for (int i = 0; i < ours.getParameters().size(); i++) {
                    assertArrayEquals(
                            ours.getParameters().get(i).getValue().getArray().toFloatArray(),
                            djl.getBlock()
                                    .getParameters()
                                    .get(i)
                                    .getValue()
                                    .getArray()
                                    .toFloatArray(),
                            0f);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"generator-0001.params", "discriminator-optimizer.ndlist", "position.yaml", "config.yaml"})
    void aFlippedByteIsNamed(String file, @TempDir Path dir) throws IOException {
        Path run = copyRun(dir);
        Path damaged = run.resolve(STEP).resolve(file);
        try (FileChannel channel = FileChannel.open(damaged, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            long at = channel.size() / 2;
            channel.read(one, at);
            one.put(0, (byte) ~one.get(0)).rewind();
            channel.write(one, at);
        }
        assertRefused(
                run,
                damaged + " does not match its SHA-256 in manifest.sha256 (the file or that line of the manifest is"
                        + " damaged); the checkpoint cannot be trusted");
    }

    @Test
    void aTruncatedFileIsNamed(@TempDir Path dir) throws IOException {
        Path run = copyRun(dir);
        Path damaged = run.resolve(STEP).resolve("generator-0001.params");
        try (FileChannel channel = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 100);
        }
        assertRefused(
                run,
                damaged + " does not match its SHA-256 in manifest.sha256 (the file or that line of the manifest is"
                        + " damaged); the checkpoint cannot be trusted");
    }

    @Test
    void aMissingManifestOrFileOrAnExtraFileIsNamed(@TempDir Path dir) throws IOException {
        Path run = copyRun(dir.resolve("a"));
        Files.delete(run.resolve(STEP + "/manifest.sha256"));
        assertRefused(
                run,
                run.resolve(STEP + "/manifest.sha256")
                        + " is missing; the checkpoint is incomplete and cannot be trusted");

        run = copyRun(dir.resolve("b"));
        Files.delete(run.resolve(STEP + "/generator-optimizer.ndlist"));
        assertRefused(
                run,
                run.resolve(STEP + "/generator-optimizer.ndlist") + " is missing; the checkpoint cannot be trusted");

        run = copyRun(dir.resolve("c"));
        Files.writeString(run.resolve(STEP + "/notes.txt"), "hello");
        assertRefused(
                run, run.resolve(STEP + "/notes.txt") + " is not in manifest.sha256; the checkpoint cannot be trusted");

        run = copyRun(dir.resolve("e"));
        Path edited = run.resolve(STEP + "/manifest.sha256");
        String text = Files.readString(edited);
        int at = text.indexOf("  position.yaml") - 1; // last hex digit of that line
        Files.writeString(
                edited, text.substring(0, at) + (text.charAt(at) == '0' ? '1' : '0') + text.substring(at + 1));
        assertRefused(
                run,
                run.resolve(STEP + "/position.yaml") + " does not match its SHA-256 in manifest.sha256 (the file or"
                        + " that line of the manifest is damaged); the checkpoint cannot be trusted");

        run = copyRun(dir.resolve("d"));
        Path manifest = run.resolve(STEP + "/manifest.sha256");
        Files.writeString(manifest, Files.readString(manifest).replace("  config.yaml", " config.yaml"));
        assertRefused(run, manifest + ": damaged (a line is not '<sha256>  <file>')");
    }

    /** Resuming and sampling both refuse, and nothing in the run changes. */
    private static void assertRefused(Path run, String message) throws IOException {
        DamagedCheckpointException e = assertThrows(DamagedCheckpointException.class, () -> {
            try (GanTrainer t = trainer(run)) {
                t.fit();
            }
        });
        assertEquals(message, e.getMessage());
        assertThrows(
                DamagedCheckpointException.class,
                () -> io.ganpoet.runtime.run.CheckpointManifest.verify(run.resolve(STEP)));
        assertTrue(Files.isDirectory(run.resolve(STEP)), "the damaged checkpoint is left for the user to inspect");
    }

    private static Path copyRun(Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(trained)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(trained.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
