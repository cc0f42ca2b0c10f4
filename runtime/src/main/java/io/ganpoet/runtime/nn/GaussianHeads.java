package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The end of a variational encoder: flattens a feature map {@code (N, ...)} and maps it with two
 * linear layers to the mean and the log-variance of a diagonal Gaussian {@code (N, latent)} each.
 * Returns both, mean first, as one {@link NDList}.
 */
public final class GaussianHeads extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int latent;
    private final Linear mean;
    private final Linear logVariance;

    /** @param latent the size of the latent space */
    public GaussianHeads(int latent) {
        super(VERSION);
        if (latent <= 0) {
            throw new IllegalArgumentException("latent must be positive, got " + latent);
        }
        this.latent = latent;
        this.mean = addChildBlock("mean", Linear.builder().setUnits(latent).build());
        this.logVariance =
                addChildBlock("logVariance", Linear.builder().setUnits(latent).build());
    }

    /**
     * Returns the latent size.
     *
     * @return the size of the mean and of the log-variance
     */
    public int latent() {
        return latent;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape flat = flat(inputShapes[0]);
        mean.initialize(manager, dataType, flat);
        logVariance.initialize(manager, dataType, flat);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape out = new Shape(inputShapes[0].get(0), latent);
        return new Shape[] {out, out};
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray flat = x.reshape(x.getShape().get(0), -1);
        NDArray mu = mean.forward(parameterStore, new NDList(flat), training).singletonOrThrow();
        NDArray logVar =
                logVariance.forward(parameterStore, new NDList(flat), training).singletonOrThrow();
        return new NDList(mu, logVar);
    }

    private static Shape flat(Shape shape) {
        return new Shape(shape.get(0), shape.size() / shape.get(0));
    }
}
