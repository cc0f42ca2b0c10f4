package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.Batch;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import ai.djl.util.Pair;
import io.ganpoet.runtime.nn.CheckedConv2d;
import io.ganpoet.train.classifier.ClassifierStep;
import io.ganpoet.train.loop.Metrics;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.optim.ResumableAdam;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Data-parallel training: the batch split by DJL's {@code Batch.split} over two replicas (two
 * copies of the network on the CPU) must give the same gradients and the same update as one
 * replica on the whole batch; the second replica must hold the updated weights afterwards.
 */
class ReplicasTest {

    private static final int BATCH = 8;

    @Test
    void twoShardsGiveTheOneShardGradientsAndUpdate() throws IOException, MalformedModelException {
        assertTwoShardsMatchOne(() ->
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
        assertTwoShardsMatchOne(() -> ResumableAdam.builder()
                .optLearningRateTracker(Tracker.fixed(0.01f))
                .build());
    }

    private void assertTwoShardsMatchOne(Supplier<Optimizer> optimizer) throws IOException, MalformedModelException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block one = classifier(manager);
            Block two = classifier(manager);
            copyParameters(one, two, manager);
            Recording singleOptimizer = new Recording(optimizer.get());
            Recording pairOptimizer = new Recording(optimizer.get());
            TrainableNetwork single =
                    new TrainableNetwork("classifier", one, singleOptimizer, manager, List.of(Device.cpu()));
            TrainableNetwork pair = new TrainableNetwork(
                    "classifier", two, pairOptimizer, manager, List.of(Device.cpu(), Device.cpu()));

            Batch batch = batch(manager);
            Metrics singleMetrics = new ClassifierStep(single).trainBatch(List.of(batch));
            List<Batch> shards = List.of(batch.split(new Device[] {Device.cpu(), Device.cpu()}, true));
            assertEquals(2, shards.size());
            assertEquals(
                    new Shape(BATCH / 2, 1, 8, 8),
                    shards.get(1).getData().head().getShape());
            Metrics pairMetrics = new ClassifierStep(pair).trainBatch(shards);

            assertEquals(singleMetrics.get("loss"), pairMetrics.get("loss"), 1e-6, "loss");
            assertEquals(singleMetrics.get("accuracy"), pairMetrics.get("accuracy"), 0, "accuracy");
            ai.djl.nn.ParameterList a = one.getParameters();
            ai.djl.nn.ParameterList b = two.getParameters();
            for (int i = 0; i < a.size(); i++) {
                Parameter pa = a.get(i).getValue();
                Parameter pb = b.get(i).getValue();
                // Gradients: what the optimizer received, the sum of the shards' (each loss scaled by 1/2).
                float[] expected = singleOptimizer.gradients.get(pa.getId());
                assertTrue(
                        Math.abs(expected[0]) + Math.abs(expected[expected.length - 1]) > 1e-4,
                        "a gradient to compare");
                assertArrayEquals(
                        expected,
                        pairOptimizer.gradients.get(pb.getId()),
                        1e-6f,
                        a.get(i).getKey() + " gradient");
                NDArray replica0 = pair.store(0).getValue(pb, Device.cpu(), true);
                NDArray replica1 = pair.store(1).getValue(pb, Device.cpu(), true);
                // The update, and the copy onto the second replica.
                assertArrayEquals(
                        pa.getArray().toFloatArray(),
                        replica0.toFloatArray(),
                        1e-6f,
                        a.get(i).getKey());
                assertArrayEquals(
                        replica0.toFloatArray(),
                        replica1.toFloatArray(),
                        0f,
                        a.get(i).getKey() + " replica 1");
            }
            // And the step did change the weights.
            assertFalse(java.util.Arrays.equals(classifierWeights(classifier(manager)), classifierWeights(one)));
        }
    }

    /** Passes updates on to a DJL optimizer, keeping a copy of each gradient it was given. */
    private static final class Recording extends Optimizer {
        final Map<String, float[]> gradients = new HashMap<>();
        private final Optimizer inner;

        Recording(Optimizer inner) {
            super(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0f)));
            this.inner = inner;
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            gradients.put(parameterId, grad.toFloatArray());
            inner.update(parameterId, weight, grad);
        }
    }

    private static float[] classifierWeights(Block block) {
        return block.getParameters().get(0).getValue().getArray().toFloatArray();
    }

    static Block classifier(NDManager manager) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(5);
        Block block = new SequentialBlock()
                .add(CheckedConv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .setFilters(4)
                        .build())
                .add(Activation::relu)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(BATCH, 1, 8, 8));
        return block;
    }

    private static void copyParameters(Block from, Block to, NDManager manager)
            throws IOException, MalformedModelException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        from.saveParameters(new DataOutputStream(bytes));
        to.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (Pair<String, Parameter> p : to.getParameters()) {
            p.getValue().getArray().setRequiresGradient(true);
        }
    }

    private static Batch batch(NDManager manager) {
        NDArray images = manager.randomNormal(new Shape(BATCH, 1, 8, 8));
        NDArray labels = manager.create(new int[] {0, 1, 2, 0, 1, 2, 0, 1});
        return new Batch(
                manager, new NDList(images), new NDList(labels), BATCH, Batchifier.STACK, Batchifier.STACK, 0, 1);
    }
}
