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
 * A conditional discriminator by projection (Miyato &amp; Koyama, "cGANs with Projection
 * Discriminator", 2018): {@code NDList(images, labels)} → score. The body maps images to features
 * φ(x) {@code (N, F, h, w)}; the head maps φ(x) to the unconditional score ψ(φ(x)); a learned
 * {@link LabelEmbedding} {@code (classes, F)} adds the inner product of the label's vector with
 * φ(x) summed over its spatial positions:
 *
 * <pre>  logit(x, y) = ψ(φ(x)) + ⟨embed(y), Σ_hw φ(x)⟩</pre>
 *
 * With {@code sigmoid} the forward output is {@code sigmoid(logit)}, and {@link #logits} gives the
 * logits for a stable binary cross-entropy; without, the forward output is the logit (a critic score).
 *
 * <p>Children: {@code features}, {@code head} and {@code labelEmbedding}.
 */
public final class ProjectionDiscriminator extends AbstractBlock implements LogitsBlock {

    private static final byte VERSION = 1;

    private final Block features;
    private final Block head;
    private final LabelEmbedding labelEmbedding;
    private final boolean sigmoid;
    private final int featureChannels;

    /**
     * @param classes number of classes
     * @param featureChannels F, the channels of the body's output
     * @param features the body: images → φ(x) {@code (N, F, h, w)}
     * @param head φ(x) → unconditional scores, e.g. {@code (N, 1, 1, 1)}
     * @param sigmoid whether the forward output is a probability
     */
    public ProjectionDiscriminator(int classes, int featureChannels, Block features, Block head, boolean sigmoid) {
        super(VERSION);
        this.featureChannels = featureChannels;
        this.features = addChildBlock("features", features);
        this.head = addChildBlock("head", head);
        // Small initial rows, as the DCGAN initialisation gives the convolutions: the projection starts
        // near zero and grows as the classes are told apart.
        this.labelEmbedding = addChildBlock("labelEmbedding", new LabelEmbedding(classes, featureChannels, 0.02f));
        this.sigmoid = sigmoid;
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

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray logits = logits(parameterStore, inputs, training);
        return new NDList(sigmoid ? Activation.sigmoid(logits) : logits);
    }

    @Override
    public NDArray logits(ParameterStore parameterStore, NDList inputs, boolean training) {
        Conditioning.expectPair(inputs, "ProjectionDiscriminator", "images");
        NDArray phi = features.forward(parameterStore, new NDList(inputs.get(0)), training)
                .singletonOrThrow();
        NDArray psi = head.forward(parameterStore, new NDList(phi), training).singletonOrThrow();
        NDArray e = labelEmbedding
                .forward(parameterStore, new NDList(inputs.get(1)), training)
                .singletonOrThrow();
        long n = phi.getShape().get(0);
        NDArray pooled = phi.reshape(n, featureChannels, -1).sum(new int[] {2});
        NDArray projection = pooled.mul(e).sum(new int[] {1});
        return psi.add(projection.reshape(psi.getShape()));
    }

    @Override
    public NDArray logits(ParameterStore parameterStore, NDArray input, boolean training) {
        throw new IllegalArgumentException(
                "ProjectionDiscriminator takes NDList(images, labels); call logits(store, NDList, training)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(features.getOutputShapes(new Shape[] {inputShapes[0]}));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Conditioning.expectShapes(inputShapes, "ProjectionDiscriminator", "images");
        features.initialize(manager, dataType, inputShapes[0]);
        Shape phi = features.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        if (phi.get(1) != featureChannels) {
            throw new IllegalArgumentException(
                    "the features block gives " + phi + ", not " + featureChannels + " channels");
        }
        head.initialize(manager, dataType, phi);
        labelEmbedding.initialize(manager, dataType, inputShapes[1]);
    }
}
