package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A learned vector per class: integer labels {@code (N)} in {@code [0, classes)} → {@code (N, dim)}, the
 * rows of one {@code weight} {@code (classes, dim)} (PyTorch's {@code nn.Embedding}). The lookup is a
 * one-hot matrix product, so the same labels give the same vectors bit for bit and the gradient
 * reaches exactly the rows that were used. A label outside the range is an error naming it.
 */
public final class LabelEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int classes;
    private final int dim;
    private final Parameter weight;

    /**
     * @param classes number of classes (≥ 1)
     * @param dim size of each class's vector (≥ 1)
     * @param initStd the standard deviation of the initial N(0, σ) rows (PyTorch's default is 1)
     */
    public LabelEmbedding(int classes, int dim, float initStd) {
        super(VERSION);
        if (classes < 1 || dim < 1) {
            throw new IllegalArgumentException("classes and dim must be positive, got " + classes + " and " + dim);
        }
        this.classes = classes;
        this.dim = dim;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, dim))
                .optInitializer(new NormalInitializer(initStd))
                .build());
    }

    /**
     * Returns the number of classes.
     *
     * @return the rows of the embedding table
     */
    public int classes() {
        return classes;
    }

    /**
     * Returns the embedding size.
     *
     * @return the length of one class's vector
     */
    public int dim() {
        return dim;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray labels = inputs.singletonOrThrow();
        checkLabels(labels, classes);
        NDArray w = parameterStore.getValue(weight, labels.getDevice(), training);
        NDArray oneHot = labels.toType(DataType.INT64, false).oneHot(classes, w.getDataType());
        return new NDList(oneHot.matMul(w));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    /**
     * Checks that labels are a vector of class indices in {@code [0, classes)}.
     *
     * @param labels the labels
     * @param classes the number of classes
     * @throws IllegalArgumentException naming the first label out of range, or the wrong shape
     */
    public static void checkLabels(NDArray labels, int classes) {
        if (labels.getShape().dimension() != 1) {
            throw new IllegalArgumentException("labels must be (N) class indices, got shape " + labels.getShape());
        }
        if (labels.getDataType().isFloating()) {
            throw new IllegalArgumentException("labels must be integers, got " + labels.getDataType());
        }
        long[] values = labels.toType(DataType.INT64, false).toLongArray();
        for (long v : values) {
            if (v < 0 || v >= classes) {
                throw new IllegalArgumentException("label " + v + " is outside [0, " + classes + ")"
                        + (v < 0 ? "; -1 means the data has no label for that image" : ""));
            }
        }
    }
}
