package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.ganpoet.train.loop.RunListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An autoencoder trained from the builder: a DJL optimizer of the user's for one network, the user's listener. */
class AutoencoderTrainingConfigTest {

    @Test
    void aCustomDjlOptimizerAndTheUsersListenerTrainAnAutoencoder(@TempDir Path dir) throws IOException {
        Optimizer sgd =
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build();
        List<String> heard = new ArrayList<>();
        RunListener mine = new RunListener() {
            @Override
            public void onStep(StepEvent event) {
                heard.add(event.step() + ":" + event.metrics().names());
            }
        };
        AutoencoderTrainingConfig config = AutoencoderTrainingConfig.builder(
                        new TinyAutoencoder(false), TinyGan.squares(64, 1))
                .optPictures(TinyGan.squares(16, 2))
                .optExperiment(AutoencoderTrainingTest.config("epochs=1", "steps_per_epoch=3"))
                .optOptimizer("decoder", sgd)
                .addListeners(mine)
                .build();
        List<String> names;
        try (AutoencoderTrainer trainer = AutoencoderTrainer.create(config, dir.resolve("run"))) {
            names = trainer.step().metricNames();
            assertNotSame(sgd, trainer.step().networks().get(0).optimizer(), "the encoder keeps its Adam");
            assertSame(sgd, trainer.step().networks().get(1).optimizer(), "the decoder's optimizer");
            float[] before = firstWeights(trainer, 1);
            assertEquals(3, trainer.fit().step());
            assertFalse(Arrays.equals(before, firstWeights(trainer, 1)), "SGD did not change the decoder");
        }
        assertEquals(3, heard.size());
        assertEquals("loss", names.get(0));
        assertEquals("1:" + names, heard.get(0));
        assertEquals("3:" + names, heard.get(2));
    }

    @Test
    void anOptimizerForANetworkAnAutoencoderDoesNotHaveIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> AutoencoderTrainingConfig.builder(
                                new TinyAutoencoder(false), TinyGan.squares(16, 1))
                        .optOptimizer("generator", Optimizer.adam().build()));
        assertEquals(
                "no network 'generator' in an autoencoder; give an optimizer for one of [encoder, decoder]",
                e.getMessage());
    }

    private static float[] firstWeights(AutoencoderTrainer trainer, int network) {
        return trainer.step()
                .networks()
                .get(network)
                .block()
                .getParameters()
                .get(0)
                .getValue()
                .getArray()
                .toFloatArray();
    }
}
