package io.ganpoet.train.optim;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.util.Map;

/**
 * A DJL {@link Optimizer} whose state can be written to a checkpoint and read back, so a resumed
 * run continues with the same moments and step counts. DJL's own optimizers keep their state
 * private; any of them still trains under ganpoet's core, but a checkpoint then records that its
 * state restarts on resume.
 *
 * <p>State is exported under the parameters' stable names (DJL parameter ids differ in every
 * process), as named arrays in one {@link NDList}, DJL's own array encoding.
 */
public abstract class ResumableOptimizer extends Optimizer {

    /**
     * Creates the optimizer from DJL's builder.
     *
     * @param builder rescaling, clipping and weight decay
     */
    protected ResumableOptimizer(OptimizerBuilder<?> builder) {
        super(builder);
    }

    /**
     * Returns the state of every parameter updated so far.
     *
     * @param namesById parameter id → stable name
     * @return named arrays, e.g. {@code conv1_weight.mean}
     */
    public abstract NDList exportState(Map<String, String> namesById);

    /**
     * Replaces the state with an exported one.
     *
     * @param state what {@link #exportState} returned (possibly in another process)
     * @param idsByName stable name → parameter id in this process
     * @param manager owns the restored arrays
     * @throws IllegalArgumentException naming the first entry that belongs to no parameter here
     */
    public abstract void importState(NDList state, Map<String, String> idsByName, NDManager manager);
}
