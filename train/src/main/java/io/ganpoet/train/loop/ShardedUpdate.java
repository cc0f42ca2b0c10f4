package io.ganpoet.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import io.ganpoet.runtime.nn.Scalars;
import java.util.List;

/**
 * "Update these networks from these shards", written once for every step: zero the networks'
 * gradients, open one gradient collector, run the loss of each shard and back-propagate {@code
 * loss / k} (so k shards add up to the gradient of the whole batch), update each network through
 * its optimizer, and return the shards' metrics averaged. As DJL's {@code EasyTrain.trainBatch}
 * does for one {@code Trainer}.
 */
public final class ShardedUpdate {

    private ShardedUpdate() {}

    /** One shard's loss and the metrics it reports (the loss itself is reported as {@code lossName}). */
    public record ShardLoss(NDArray loss, Metrics metrics) {
        /**
         * A loss with no metrics besides itself.
         *
         * @param loss the scalar loss
         * @return the shard's loss
         */
        public static ShardLoss of(NDArray loss) {
            return new ShardLoss(loss, Metrics.builder().build());
        }
    }

    /** The loss of one shard, computed inside the gradient collector. */
    @FunctionalInterface
    public interface ShardObjective {
        /**
         * @param shard the shard's index: which replica of each network to run
         * @return its loss (a scalar) and metrics
         */
        ShardLoss loss(int shard);
    }

    /** Work done inside the collector before any shard's loss (the graph is recorded). */
    @FunctionalInterface
    public interface BeforeLosses {
        /** Runs once per update. */
        void run();

        /** Nothing. */
        BeforeLosses NOTHING = () -> {};
    }

    /**
     * Updates {@code networks} from {@code shards} shards.
     *
     * @param networks the networks to zero and update (others only receive gradients)
     * @param shards how many shards
     * @param lossName the metric the shard losses are reported under
     * @param objective each shard's loss
     * @return the metrics, averaged over the shards: {@code lossName} first, then the objective's
     */
    public static Metrics update(
            List<TrainableNetwork> networks, int shards, String lossName, ShardObjective objective) {
        return update(networks, shards, lossName, BeforeLosses.NOTHING, objective);
    }

    /**
     * Like {@link #update(List, int, String, ShardObjective)}, running {@code before} inside the
     * collector first (a WGAN-GP critic computes its penalties there and re-zeroes its gradients).
     *
     * @param networks the networks to zero and update
     * @param shards how many shards
     * @param lossName the metric the shard losses are reported under
     * @param before work inside the collector, before the shards' losses
     * @param objective each shard's loss
     * @return the metrics, averaged over the shards
     */
    public static Metrics update(
            List<TrainableNetwork> networks,
            int shards,
            String lossName,
            BeforeLosses before,
            ShardObjective objective) {
        Metrics.Builder sum = Metrics.builder();
        networks.forEach(TrainableNetwork::zeroGradients);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            before.run();
            for (int i = 0; i < shards; i++) {
                ShardLoss shard = objective.loss(i);
                collector.backward(Scalars.div(shard.loss(), shards));
                sum.add(lossName, shard.loss().getFloat());
                shard.metrics().asMap().forEach(sum::add);
            }
        }
        networks.forEach(TrainableNetwork::update);
        return sum.mean(shards);
    }
}
