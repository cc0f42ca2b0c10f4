package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.loop.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GAN trained from the builder alone: a DJL optimizer of the user's, the user's listener, no YAML. */
class GanTrainingConfigTest {

    @Test
    void aCustomDjlOptimizerAndTheUsersListenerTrainAGanWithoutYaml(@TempDir Path dir) throws IOException {
        Optimizer sgd =
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build();
        List<String> heard = new ArrayList<>();
        RunListener mine = new RunListener() {
            @Override
            public void onStep(StepEvent event) {
                heard.add(event.step() + ":" + event.metrics().names());
            }
        };
        GanTrainingConfig config = GanTrainingConfig.builder(
                        new TinyGan(DiscriminatorOutput.PROBABILITY), TinyGan.squares(128, 1))
                .optOptimizer("generator", sgd)
                .optDevices(Device.cpu())
                .addListeners(mine)
                .build();
        // Every key at its default: 5 epochs of 128 / 64 = 2 steps.
        assertEquals(ExperimentConfig.defaults().withOverrides(List.of("device=cpu")), config.experiment());
        try (GanTrainer trainer = GanTrainer.create(config, dir.resolve("run"))) {
            assertSame(sgd, trainer.step().networks().get(0).optimizer(), "the generator's optimizer");
            assertFalse(trainer.step().networks().get(1).optimizer() == sgd, "the discriminator keeps its Adam");
            float[] before = generatorWeights(trainer);
            assertEquals(10, trainer.fit().step());
            assertFalse(java.util.Arrays.equals(before, generatorWeights(trainer)), "SGD did not change the generator");
        }
        assertEquals(10, heard.size());
        assertEquals("1:[loss_d, loss_g, d_real, d_fake]", heard.get(0));
        assertTrue(Files.readString(dir.resolve("run/config.yaml")).contains("device: cpu"));
    }

    @Test
    void anInitializerReplacesTheInitKeysInitialisation(@TempDir Path dir) throws IOException {
        GanTrainingConfig config = GanTrainingConfig.builder(
                        new TinyGan(DiscriminatorOutput.PROBABILITY), TinyGan.squares(128, 1))
                .optInitializer(new ConstantInitializer(0.25f))
                .build();
        try (GanTrainer trainer = GanTrainer.create(config, dir.resolve("run"))) {
            NDArray weight = trainer.step()
                    .networks()
                    .get(1)
                    .block()
                    .getParameters()
                    .get(0)
                    .getValue()
                    .getArray();
            for (float w : weight.toFloatArray()) {
                assertEquals(0.25f, w);
            }
        }
    }

    @Test
    void anOptimizerForANetworkAGanDoesNotHaveIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GanTrainingConfig.builder(
                        new TinyGan(DiscriminatorOutput.PROBABILITY), TinyGan.squares(16, 1))
                .optOptimizer("critic", Optimizer.adam().build()));
        assertEquals(
                "no network 'critic' in a GAN; give an optimizer for one of [generator, discriminator]",
                e.getMessage());
    }

    private static float[] generatorWeights(GanTrainer trainer) {
        return trainer.step()
                .networks()
                .get(0)
                .block()
                .getParameters()
                .get(0)
                .getValue()
                .getArray()
                .toFloatArray();
    }
}
