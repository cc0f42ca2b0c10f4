package io.ganpoet.samples;

import static io.ganpoet.samples.AppTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.ganpoet.runtime.run.CheckpointManifest;
import io.ganpoet.samples.AppTest.Result;
import io.ganpoet.samples.specs.FashionGan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sample} and {@code fd} name what is wrong with the run they are given, before anything else. */
class RunReadingCommandsTest {

    @Test
    void aMissingRunDirectoryIsNoSuchRun(@TempDir Path dir) {
        Path missing = dir.resolve("no/such/dir");
        for (String command : new String[] {"sample", "fd"}) {
            Result r = run(command, missing.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(
                    "ganpoet " + command + ": " + missing + ": no such run: the directory does not exist\n", r.err());
            assertFalse(Files.exists(missing.getParent()), "nothing is created");
        }
    }

    @Test
    void anAutoencoderRunIsNamedAsSuch(@TempDir Path dir) throws IOException {
        // An autoencoder run's checkpoint as AutoencoderTrainer writes it: encoder and decoder networks.
        Path run = dir.resolve("lecture");
        Path checkpoint = Files.createDirectories(run.resolve("checkpoints/step-000000010"));
        FashionGan gan = new FashionGan();
        save(checkpoint, "encoder", gan.newDiscriminator(), gan);
        save(checkpoint, "decoder", gan.newGenerator(), gan);
        Files.writeString(checkpoint.resolve("position.yaml"), "epoch: 1\nstep_in_epoch: 0\nstep: 10\nseed: 1\n");
        Files.writeString(checkpoint.resolve("config.yaml"), "model: lecture\nepochs: 1\n");
        Files.writeString(checkpoint.resolve(CheckpointManifest.FILE_NAME), CheckpointManifest.describe(checkpoint));
        for (String command : new String[] {"sample", "fd"}) {
            Result r = run(command, run.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(
                    "ganpoet " + command + ": " + run
                            + " is an autoencoder run (its checkpoint holds decoder, encoder), not a GAN"
                            + " run; 'ganpoet denoise' and 'ganpoet vae' use autoencoder runs\n",
                    r.err());
        }
        assertFalse(Files.exists(run.resolve("sample.png")));
    }

    private static void save(Path checkpoint, String name, Block block, FashionGan gan) throws IOException {
        try (Model model = Model.newInstance(name)) {
            model.setBlock(block);
            block.initialize(
                    model.getNDManager(),
                    DataType.FLOAT32,
                    name.equals("encoder") ? gan.discriminatorInputShapes(1) : gan.generatorInputShapes(1));
            model.save(checkpoint, name);
        }
    }
}
