package io.ganpoet.train.loop;

import ai.djl.training.dataset.Batch;
import java.util.List;
import java.util.Optional;

/**
 * What one kind of model does with a batch: the only part that differs between a GAN, a
 * classifier, an autoencoder. {@link TrainingLoop} owns everything else: data order, seeding,
 * devices and sharding, divergence checks, listeners and checkpoints.
 */
public interface TrainingStep {

    /**
     * Names of the metrics {@link #trainBatch} returns, in order: {@code metrics.csv} columns and plot series.
     *
     * @return the names
     */
    List<String> metricNames();

    /**
     * Trains on one batch: forward, backward and update of every network the step trains (DJL's
     * {@code EasyTrain.trainBatch}; DJL's {@code Trainer.step} is only the update).
     *
     * @param shards the batch (data and labels), split by DJL's {@link Batch#split} into one
     *     shard per training device; shard {@code i} runs on replica {@code i} of each {@link
     *     TrainableNetwork}
     * @return the batch's metrics, one per {@link #metricNames()} entry
     */
    Metrics trainBatch(List<Batch> shards);

    /**
     * The networks being trained, in a stable order: what a checkpoint saves and restores.
     *
     * @return the networks
     */
    List<TrainableNetwork> networks();

    /**
     * A picture of the model's progress, drawn after epochs (sample grids, reconstructions); none by default.
     *
     * @return the picture, or empty
     */
    default Optional<Picture> picture() {
        return Optional.empty();
    }
}
