package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A conditional discriminator by label maps: {@code NDList(images, labels)} → score. Each label
 * becomes {@code classes} constant maps (one-hot over the channel axis, the image's height and
 * width) joined to the image, and the body scores {@code (N, C + classes, H, W)} — the conditional
 * DCGAN of most tutorials. It has no parameters of its own: the body's first layer grows by
 * {@code classes} input channels.
 *
 * <p>With {@code sigmoid} the forward output is {@code sigmoid(body)}, and {@link #logits} gives the
 * body's output for a stable binary cross-entropy; without, the body's output is the critic score.
 *
 * <p>Children: {@code discriminator}.
 */
public final class LabelMapsDiscriminator extends AbstractBlock implements LogitsBlock {

    private static final byte VERSION = 1;

    private final int classes;
    private final Block discriminator;
    private final boolean sigmoid;

    /**
     * @param classes number of classes
     * @param discriminator the body, taking {@code (N, C + classes, H, W)} to scores (no final sigmoid)
     * @param sigmoid whether the forward output is a probability
     */
    public LabelMapsDiscriminator(int classes, Block discriminator, boolean sigmoid) {
        super(VERSION);
        this.classes = classes;
        this.discriminator = addChildBlock("discriminator", discriminator);
        this.sigmoid = sigmoid;
    }

    /**
     * Returns the number of classes.
     *
     * @return the classes the labels index
     */
    public int classes() {
        return classes;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray logits = logits(parameterStore, inputs, training);
        return new NDList(sigmoid ? Activation.sigmoid(logits) : logits);
    }

    @Override
    public NDArray logits(ParameterStore parameterStore, NDList inputs, boolean training) {
        Conditioning.expectPair(inputs, "LabelMapsDiscriminator", "images");
        NDArray images = inputs.get(0);
        NDArray labels = inputs.get(1);
        NDArray joined = Conditioning.joinLabelMaps(images, labels, classes);
        return discriminator
                .forward(parameterStore, new NDList(joined), training)
                .singletonOrThrow();
    }

    @Override
    public NDArray logits(ParameterStore parameterStore, NDArray input, boolean training) {
        throw new IllegalArgumentException(
                "LabelMapsDiscriminator takes NDList(images, labels); call logits(store, NDList, training)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return discriminator.getOutputShapes(new Shape[] {joinedShape(inputShapes[0])});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Conditioning.expectShapes(inputShapes, "LabelMapsDiscriminator", "images");
        discriminator.initialize(manager, dataType, joinedShape(inputShapes[0]));
    }

    private Shape joinedShape(Shape images) {
        long[] dims = images.getShape();
        dims[1] += classes;
        return new Shape(dims);
    }
}
