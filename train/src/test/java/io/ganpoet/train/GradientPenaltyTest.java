package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.train.gan.GanLoss;
import io.ganpoet.train.gan.GanPictures;
import io.ganpoet.train.gan.GanSettings;
import io.ganpoet.train.gan.GanStep;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.optim.OptimizerSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * For a linear critic D(x) = w·x the input gradient is w everywhere, so the penalty is (‖w‖ − 1)²
 * and its gradient 2(‖w‖ − 1)·w/‖w‖: second-order autograd must reproduce both.
 */
class GradientPenaltyTest {

    @Test
    void penaltyAndItsGradientMatchTheLinearCritic() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyGan model = new TinyGan(DiscriminatorOutput.LOGIT);
            Block g = model.newGenerator();
            Block d = new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(1).optBias(false).build());
            g.initialize(m, DataType.FLOAT32, model.latentShape(4));
            d.initialize(m, DataType.FLOAT32, model.imageShape(4));
            OptimizerSettings adam = new OptimizerSettings(1e-3, 0.5, 0.999);
            TrainableNetwork critic =
                    new TrainableNetwork("discriminator", d, adam.toOptimizer(), m, List.of(Device.cpu()));
            TrainableNetwork generator =
                    new TrainableNetwork("generator", g, adam.toOptimizer(), m, List.of(Device.cpu()));
            GanStep step = new GanStep(
                    model,
                    generator,
                    critic,
                    new GanSettings(GanLoss.WGAN_GP, 0f, 1, 10f, false),
                    new GanPictures(model, generator, 4, 1, List.of()));

            NDArray w = d.getParameters().get(0).getValue().getArray();
            double norm = Math.sqrt(w.square().sum().getFloat());
            NDArray real = m.randomNormal(model.imageShape(4));
            NDArray fake = m.randomNormal(model.imageShape(4));
            float penalty;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray p = step.gradientPenalty(0, real, fake, java.util.Optional.empty());
                critic.zeroGradients();
                gc.backward(p);
                penalty = p.getFloat();
            }
            assertEquals((norm - 1) * (norm - 1), penalty, 1e-4);
            float[] grad = w.getGradient().toFloatArray();
            float[] weights = w.toFloatArray();
            for (int i = 0; i < grad.length; i++) {
                assertEquals(2 * (norm - 1) * weights[i] / norm, grad[i], 1e-4, "component " + i);
            }
        }
    }
}
