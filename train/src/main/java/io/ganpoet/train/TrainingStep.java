package io.ganpoet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;

/**
 * What one kind of model does with a batch: the only part that differs between GAN, autoencoder
 * and VAE training. {@link TrainingLoop} owns everything else: data order, seeding, devices,
 * metrics, pictures, checkpoints, divergence checks.
 */
public interface TrainingStep {

    /** Names of the values {@link #step} returns, in order; they become {@code metrics.csv} columns. */
    List<String> metricNames();

    /**
     * Runs one optimisation step.
     *
     * @param shards the batch, split across the training devices (one shard per device)
     * @return one value per {@link #metricNames()} entry
     */
    float[] step(List<NDArray> shards);

    /** The networks a checkpoint saves, by stable name. */
    Map<String, Block> networks();

    /** The optimisers a checkpoint saves, by stable name. */
    Map<String, AdamOptimizer> optimizers();
}
