package io.ganpoet.train;

import ai.djl.training.dataset.Batch;
import io.ganpoet.train.report.Chart;
import io.ganpoet.train.report.Picture;
import java.util.List;
import java.util.Optional;

/**
 * What one kind of model does with a batch: the only part that differs between a GAN, a
 * classifier, an autoencoder. {@link TrainingLoop} owns everything else: data order, seeding,
 * devices and sharding, divergence checks, listeners and checkpoints.
 */
public interface TrainingStep {

    /**
     * Names of the values {@link #step} returns, in order: {@code metrics.csv} columns and plot series.
     *
     * @return the names
     */
    List<String> metricNames();

    /**
     * Runs one optimisation step.
     *
     * @param shards the batch (data and labels), split by DJL's {@link Batch#split} into one
     *     shard per training device; shard {@code i} runs on replica {@code i} of each {@link
     *     Network}
     * @return one value per {@link #metricNames()} entry
     */
    float[] step(List<Batch> shards);

    /**
     * The networks being trained, in a stable order: what a checkpoint saves and restores.
     *
     * @return the networks
     */
    List<Network> networks();

    /**
     * How to plot the metrics; by default one chart per metric.
     *
     * @return the charts
     */
    default List<Chart> charts() {
        return metricNames().stream().map(Chart::of).toList();
    }

    /**
     * A picture of the model's progress, drawn after epochs (sample grids, reconstructions); none by default.
     *
     * @return the picture, or empty
     */
    default Optional<Picture> picture() {
        return Optional.empty();
    }
}
