package io.ganpoet.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterServer;
import ai.djl.training.optimizer.Optimizer;

/**
 * Data-parallel updates for a network copied onto several replicas: the replicas' gradients are
 * summed onto the first replica's device, the optimizer updates the first replica once, and the
 * result is copied to the others.
 *
 * <p>DJL's {@code LocalParameterServer} instead runs the optimizer once per replica; that keeps
 * one optimizer state per device and, because DJL's optimizers count updates per parameter id,
 * advances their step count once per replica (so Adam's bias correction runs ahead with two
 * GPUs). Updating once keeps a single state, which is also what a checkpoint saves.
 */
public final class ReplicaParameterServer implements ParameterServer {

    private static final NDIndex ALL = new NDIndex(":");

    private final Optimizer optimizer;

    /** @param optimizer any DJL optimizer */
    public ReplicaParameterServer(Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    /**
     * Returns the optimizer that updates replica 0.
     *
     * @return the optimizer
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** {@inheritDoc} */
    @Override
    public void init(String parameterId, NDArray[] value) {}

    /**
     * {@inheritDoc}
     *
     * @param grads one gradient per replica
     * @param params the replicas' arrays, the first one the master copy
     */
    @Override
    public void update(String parameterId, NDArray[] grads, NDArray[] params) {
        NDArray master = params[0];
        NDArray sum = grads[0];
        for (int i = 1; i < grads.length; i++) {
            sum = sum.add(grads[i].toDevice(master.getDevice(), false));
        }
        optimizer.update(parameterId, master, sum);
        for (int i = 1; i < params.length; i++) {
            // Outside a GradientCollector DJL runs with autograd off, so the leaf can be written in place.
            params[i].set(ALL, master.toDevice(params[i].getDevice(), false));
        }
    }

    /** {@inheritDoc} */
    @Override
    public void close() {}
}
