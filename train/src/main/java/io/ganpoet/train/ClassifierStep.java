package io.ganpoet.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import io.ganpoet.runtime.nn.Scalars;
import java.util.List;

/**
 * Supervised classification on the shared core: a network that maps images to class logits,
 * trained with DJL's softmax cross-entropy on the batch's labels. Metrics: {@code loss} and the
 * batch {@code accuracy}. The same loop, checkpoints and reports as a GAN; only the step differs.
 */
public final class ClassifierStep implements TrainingStep {

    private final Network network;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();

    /** @param network images → logits {@code (N, classes)}, with its optimizer */
    public ClassifierStep(Network network) {
        this.network = network;
    }

    @Override
    public List<String> metricNames() {
        return List.of("loss", "accuracy");
    }

    @Override
    public List<Network> networks() {
        return List.of(network);
    }

    @Override
    public float[] step(List<Batch> shards) {
        int k = shards.size();
        float lossSum = 0;
        long correct = 0;
        long count = 0;
        network.zeroGradients();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (int i = 0; i < k; i++) {
                Batch shard = shards.get(i);
                NDArray labels = shard.getLabels().head().toType(DataType.INT64, false);
                NDArray logits = network.forward(i, shard.getData().head(), true);
                NDArray value = loss.evaluate(new NDList(labels), new NDList(logits));
                collector.backward(Scalars.div(value, k));
                lossSum += value.getFloat();
                correct += logits.argMax(1).eq(labels).countNonzero().getLong();
                count += labels.size();
            }
        }
        network.update();
        return new float[] {lossSum / k, (float) correct / count};
    }
}
