package io.ganpoet.runtime.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.LayerSummary;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a run directory, verifying and loading its newest checkpoint, and sampling from it. */
class TrainedRunTest {

    /** A hand-written 3×4×4 pair: what a run API must load is any {@code GanModel}'s networks. */
    static final class Pair implements GanModel {
        private final int latent;

        Pair(int latent) {
            this.latent = latent;
        }

        @Override
        public String name() {
            return "Pair";
        }

        @Override
        public int latentSize() {
            return latent;
        }

        @Override
        public Shape latentShape() {
            return new Shape(latent);
        }

        @Override
        public Shape imageShape() {
            return new Shape(3, 4, 4);
        }

        @Override
        public Block newDiscriminator() {
            return new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(1).build());
        }

        @Override
        public Block newGenerator() {
            return new SequentialBlock()
                    .add(Linear.builder().setUnits(48).build())
                    .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, 3, 4, 4))))
                    .add(Activation::tanh);
        }

        @Override
        public DiscriminatorOutput discriminatorOutput() {
            return DiscriminatorOutput.LOGIT;
        }

        @Override
        public List<LayerSummary> discriminatorLayers() {
            return List.of();
        }

        @Override
        public List<LayerSummary> generatorLayers() {
            return List.of();
        }

        @Override
        public String summary() {
            return "Pair\n";
        }
    }

    private static final GanModel PAIR = new Pair(5);

    /** Writes a checkpoint as a trainer does: networks in DJL's format, position, config, manifest last. */
    static Path checkpoint(Path run, long step, Map<String, Block> networks, Map<String, Shape> inputs)
            throws IOException {
        Path dir = run.resolve("checkpoints").resolve(String.format("step-%09d", step));
        Files.createDirectories(dir);
        for (Map.Entry<String, Block> e : networks.entrySet()) {
            try (Model model = Model.newInstance(e.getKey())) {
                model.setBlock(e.getValue());
                e.getValue().initialize(model.getNDManager(), DataType.FLOAT32, inputs.get(e.getKey()));
                model.setProperty("Epoch", "3");
                model.save(dir, e.getKey());
            }
        }
        Files.writeString(dir.resolve("position.yaml"), "epoch: 3\nstep_in_epoch: 0\nstep: " + step + "\nseed: 42\n");
        Files.writeString(dir.resolve("config.yaml"), "model: pair\nepochs: 3\n");
        Files.writeString(dir.resolve(CheckpointManifest.FILE_NAME), CheckpointManifest.describe(dir));
        return dir;
    }

    static Path ganCheckpoint(Path run, long step) throws IOException {
        return checkpoint(
                run,
                step,
                Map.of("generator", PAIR.newGenerator(), "discriminator", PAIR.newDiscriminator()),
                Map.of("generator", PAIR.latentShape(1), "discriminator", PAIR.imageShape(1)));
    }

    @Test
    void opensTheNewestVerifiedCheckpointWithItsPositionConfigAndNetworks(@TempDir Path dir) throws IOException {
        ganCheckpoint(dir, 6);
        Path newest = ganCheckpoint(dir, 12);
        TrainedRun run = TrainedRun.open(dir);
        assertEquals(newest, run.checkpoint());
        assertEquals(12, run.step());
        assertEquals(3, run.epoch());
        assertEquals(42, run.seed());
        assertEquals("model: pair\nepochs: 3\n", run.configYaml());
        assertEquals(Set.of("discriminator", "generator"), run.networks());
        assertEquals(TrainedRun.Kind.GAN, run.kind());
    }

    @Test
    void theSampleIsTheCheckpointsGeneratorOnTheSeedsLatents(@TempDir Path dir) throws IOException, Exception {
        Path checkpoint = ganCheckpoint(dir, 6);
        try (GeneratorSampler sampler = TrainedRun.open(dir).generator(PAIR);
                NDManager manager = NDManager.newBaseManager();
                Model byHand = Model.newInstance("generator")) {
            NDArray drawn = sampler.sample(manager, SampleRequest.of(4, 9));
            assertEquals(new Shape(4, 3, 4, 4), drawn.getShape());
            assertArrayEquals(
                    drawn.toFloatArray(),
                    sampler.sample(manager, SampleRequest.of(4, 9)).toFloatArray(),
                    "same seed");
            byHand.setBlock(PAIR.newGenerator());
            byHand.load(checkpoint, "generator");
            NDArray expected = byHand.getBlock()
                    .forward(
                            new ParameterStore(manager, false),
                            new NDList(Latents.fixed(manager, PAIR.latentShape(), 4, 9)),
                            false)
                    .singletonOrThrow();
            assertArrayEquals(expected.toFloatArray(), drawn.toFloatArray(), 1e-6f);
            assertTrue(
                    drawn.sub(sampler.sample(manager, SampleRequest.of(4, 10)))
                                    .abs()
                                    .max()
                                    .getFloat()
                            > 1e-3f,
                    "another seed");

            BufferedImage grid = sampler.grid(SampleRequest.of(4, 9), 2);
            assertEquals(2 * (2 * 4) + 3 * 2, grid.getWidth());
            assertEquals(4, sampler.images(SampleRequest.of(4, 9)).size());
        }
    }

    @Test
    void theDjlWayServesTheSamePicturesAsTheSampler(@TempDir Path dir) throws Exception {
        ganCheckpoint(dir, 6);
        TrainedRun run = TrainedRun.open(dir);
        try (GeneratorSampler sampler = run.generator(PAIR);
                ZooModel<SampleRequest, BufferedImage> model = run.loadGenerator(PAIR, 2);
                Predictor<SampleRequest, BufferedImage> predictor = model.newPredictor()) {
            BufferedImage served = predictor.predict(SampleRequest.of(6, 3));
            BufferedImage sampled = sampler.grid(SampleRequest.of(6, 3), 2);
            assertEquals(sampled.getWidth(), served.getWidth());
            assertArrayEquals(
                    sampled.getRGB(0, 0, sampled.getWidth(), sampled.getHeight(), null, 0, sampled.getWidth()),
                    served.getRGB(0, 0, served.getWidth(), served.getHeight(), null, 0, served.getWidth()));
        }
    }

    @Test
    void aCheckpointReplacedAfterOpeningIsReadAtTheNewerOne(@TempDir Path dir) throws IOException {
        Path old = ganCheckpoint(dir, 6);
        TrainedRun run = TrainedRun.open(dir);
        ganCheckpoint(dir, 12);
        deleteTree(old); // what a trainer's rotation does after writing step 12
        try (GeneratorSampler sampler = run.generator(PAIR)) {
            assertEquals(12, sampler.run().step());
        }
    }

    @Test
    void aReadThatLosesARaceWithRotationRetriesOnTheNewerCheckpoint(@TempDir Path dir) throws IOException {
        Path old = ganCheckpoint(dir, 6);
        int[] calls = {0};
        Path read = TrainedRun.newest(dir, checkpoint -> {
            if (calls[0]++ == 0) {
                // The trainer renames step 12 into place and deletes step 6 in the middle of this read.
                ganCheckpoint(dir, 12);
                deleteTree(old);
                CheckpointManifest.verify(checkpoint);
            }
            return checkpoint;
        });
        assertEquals(dir.resolve("checkpoints/step-000000012"), read);
        assertEquals(2, calls[0]);
    }

    @Test
    void aDamagedNewestCheckpointIsNamedNotSkipped(@TempDir Path dir) throws IOException {
        ganCheckpoint(dir, 6);
        Path newest = ganCheckpoint(dir, 12);
        Path params;
        try (Stream<Path> files = Files.list(newest)) {
            params = files.filter(p -> p.getFileName().toString().startsWith("generator-"))
                    .findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 1] ^= 1;
        Files.write(params, bytes);
        DamagedCheckpointException e = assertThrows(DamagedCheckpointException.class, () -> TrainedRun.open(dir));
        assertEquals(
                params + " does not match its SHA-256 in manifest.sha256 (the file or that line of the manifest is"
                        + " damaged); the checkpoint cannot be trusted",
                e.getMessage());
    }

    @Test
    void aMissingDirectoryIsNoSuchRun(@TempDir Path dir) {
        NoSuchFileException e =
                assertThrows(NoSuchFileException.class, () -> TrainedRun.open(dir.resolve("no/such/dir")));
        assertEquals(dir.resolve("no/such/dir") + ": no such run: the directory does not exist", e.getMessage());
    }

    @Test
    void aFolderWithoutCheckpointsIsNotARun(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TrainedRun.open(dir));
        assertTrue(
                e.getMessage().endsWith("not a ganpoet run (no config.yaml, no checkpoints/ with a step-… checkpoint)"),
                e.getMessage());
        Files.writeString(dir.resolve("config.yaml"), "epochs: 1\n");
        e = assertThrows(NoSuchFileException.class, () -> TrainedRun.open(dir));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "the run has no checkpoint yet (a trainer writes the first one at the end of its first epoch)"),
                e.getMessage());
    }

    @Test
    void anAutoencoderRunSaysWhatItIs(@TempDir Path dir) throws IOException {
        checkpoint(
                dir,
                4,
                Map.of("encoder", PAIR.newDiscriminator(), "decoder", PAIR.newGenerator()),
                Map.of("encoder", PAIR.imageShape(1), "decoder", PAIR.latentShape(1)));
        TrainedRun run = TrainedRun.open(dir);
        assertEquals(TrainedRun.Kind.AUTOENCODER, run.kind());
        RunKindException e = assertThrows(RunKindException.class, () -> run.generator(PAIR));
        assertEquals(
                dir + " is an autoencoder run (its checkpoint holds decoder, encoder), not a GAN run", e.getMessage());
        try (Model decoder =
                run.loadModel("decoder", PAIR::newGenerator, new Shape[] {PAIR.latentShape(1)}, ai.djl.Device.cpu())) {
            assertEquals("decoder", decoder.getName());
        }
    }

    @Test
    void aGeneratorOfAnotherArchitectureIsRefusedNamingTheCheckpoint(@TempDir Path dir) throws IOException {
        Path checkpoint = ganCheckpoint(dir, 6);
        IOException e =
                assertThrows(IOException.class, () -> TrainedRun.open(dir).generator(new Pair(7)));
        assertTrue(
                e.getMessage().startsWith(checkpoint + ": network 'generator' does not match the block given"),
                e.getMessage());
        e = assertThrows(IOException.class, () -> TrainedRun.open(dir).loadGenerator(new Pair(7), 1));
        assertTrue(
                e.getMessage()
                        .startsWith(checkpoint + ": network 'generator' does not match Pair's generator (parameter "),
                e.getMessage());
    }

    @Test
    void requestsOutsideTheGeneratorAreRefusedInOneSentence(@TempDir Path dir) throws IOException {
        ganCheckpoint(dir, 6);
        assertEquals(
                "count 0: at least one image",
                assertThrows(IllegalArgumentException.class, () -> SampleRequest.of(0, 1))
                        .getMessage());
        try (GeneratorSampler sampler = TrainedRun.open(dir).generator(PAIR)) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> sampler.grid(new SampleRequest(2, 1, 3), 1));
            assertEquals("Pair's generator is unconditional: ask for all classes, not class 3", e.getMessage());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
