package io.ganpoet.train.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import io.ganpoet.train.loop.Metrics;
import io.ganpoet.train.loop.ShardedUpdate;
import io.ganpoet.train.loop.ShardedUpdate.ShardLoss;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.loop.TrainingStep;
import java.util.List;

/**
 * Supervised classification on the shared core: a network that maps images to class logits,
 * trained with DJL's softmax cross-entropy on the batch's labels. Metrics: {@code loss} and the
 * batch {@code accuracy}. The same loop, checkpoints and reports as a GAN; only the step differs.
 */
public final class ClassifierStep implements TrainingStep {

    private final TrainableNetwork network;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();

    /** @param network images → logits {@code (N, classes)}, with its optimizer */
    public ClassifierStep(TrainableNetwork network) {
        this.network = network;
    }

    @Override
    public List<String> metricNames() {
        return List.of("loss", "accuracy");
    }

    @Override
    public List<TrainableNetwork> networks() {
        return List.of(network);
    }

    @Override
    public Metrics trainBatch(List<Batch> shards) {
        long[] correctOfCount = new long[2];
        Metrics loss = ShardedUpdate.update(List.of(network), shards.size(), "loss", i -> {
            Batch shard = shards.get(i);
            NDArray labels = shard.getLabels().head().toType(DataType.INT64, false);
            NDArray logits = network.forward(i, shard.getData().head(), true);
            correctOfCount[0] += logits.argMax(1).eq(labels).countNonzero().getLong();
            correctOfCount[1] += labels.size();
            return ShardLoss.of(this.loss.evaluate(new NDList(labels), new NDList(logits)));
        });
        // Accuracy over the whole batch, not a mean of the shards' accuracies.
        return Metrics.of(metricNames(), loss.get("loss"), (float) correctOfCount[0] / correctOfCount[1]);
    }
}
