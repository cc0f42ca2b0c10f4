package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A conditional generator: {@code NDList(z, labels)} with {@code z} {@code (N, latent, ...)} and labels
 * {@code (N)} → images. A learned {@link LabelEmbedding} {@code (classes, dim)} turns each label into a
 * vector, which is joined to the latent along the channel axis (broadcast over any spatial axes of the
 * latent), and the generator body maps {@code (N, latent + dim, ...)} to images (Mirza &amp; Osindero's
 * conditional GAN, with an embedding in place of a one-hot code).
 *
 * <p>Children: {@code labelEmbedding} and {@code generator}.
 */
public final class LabelConditionedGenerator extends AbstractBlock {

    private static final byte VERSION = 1;

    private final LabelEmbedding labelEmbedding;
    private final Block generator;

    /**
     * @param classes number of classes
     * @param dim size of the label embedding joined to the latent
     * @param generator the body, taking {@code (N, latent + dim, ...)}
     */
    public LabelConditionedGenerator(int classes, int dim, Block generator) {
        super(VERSION);
        labelEmbedding = addChildBlock("labelEmbedding", new LabelEmbedding(classes, dim, 1f));
        this.generator = addChildBlock("generator", generator);
    }

    /**
     * Returns the number of classes.
     *
     * @return the classes the labels index
     */
    public int classes() {
        return labelEmbedding.classes();
    }

    /**
     * Returns the label embedding.
     *
     * @return the block mapping labels to vectors
     */
    public LabelEmbedding labelEmbedding() {
        return labelEmbedding;
    }

    /**
     * Joins the label embedding to the latent: the body's input.
     *
     * @param parameterStore where the parameters live
     * @param z latents {@code (N, latent, ...)}
     * @param labels {@code (N)} class indices
     * @param training training mode
     * @return {@code (N, latent + dim, ...)}
     */
    public NDArray join(ParameterStore parameterStore, NDArray z, NDArray labels, boolean training) {
        NDArray e = labelEmbedding
                .forward(parameterStore, new NDList(labels), training)
                .singletonOrThrow();
        return Conditioning.joinChannels(z, e);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        Conditioning.expectPair(inputs, "LabelConditionedGenerator", "z");
        NDArray joined = join(parameterStore, inputs.get(0), inputs.get(1), training);
        return generator.forward(parameterStore, new NDList(joined), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return generator.getOutputShapes(new Shape[] {joinedShape(inputShapes[0])});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Conditioning.expectShapes(inputShapes, "LabelConditionedGenerator", "z");
        labelEmbedding.initialize(manager, dataType, inputShapes[1]);
        generator.initialize(manager, dataType, joinedShape(inputShapes[0]));
    }

    private Shape joinedShape(Shape z) {
        long[] dims = z.getShape();
        dims[1] += labelEmbedding.dim();
        return new Shape(dims);
    }
}
