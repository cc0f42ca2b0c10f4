package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * How label-conditioned networks join labels to their input: the runtime's conditioning blocks and
 * the conditional blocks ganpoet generates call these.
 */
public final class Conditioning {

    private Conditioning() {}

    /**
     * Joins per-sample vectors to a batch's channels, broadcast over its other axes.
     *
     * @param x a batch {@code (N, C, d…)}
     * @param vectors one vector per sample, {@code (N, D)}
     * @return {@code (N, C + D, d…)}
     */
    public static NDArray joinChannels(NDArray x, NDArray vectors) {
        Shape s = x.getShape();
        long[] dims = new long[s.dimension()];
        dims[0] = s.get(0);
        dims[1] = vectors.getShape().get(1);
        for (int i = 2; i < dims.length; i++) {
            dims[i] = 1;
        }
        NDArray maps = vectors.reshape(new Shape(dims));
        for (int i = 2; i < dims.length; i++) {
            dims[i] = s.get(i);
        }
        return x.concat(maps.broadcast(new Shape(dims)), 1);
    }

    /**
     * Joins {@code classes} one-hot label maps to images: sample {@code i}'s map {@code labels[i]} is
     * all ones, the others zeros.
     *
     * @param images {@code (N, C, H, W)}
     * @param labels {@code (N)} integer class indices in {@code [0, classes)}
     * @param classes the number of classes
     * @return {@code (N, C + classes, H, W)}
     * @throws IllegalArgumentException naming a label out of range
     */
    public static NDArray joinLabelMaps(NDArray images, NDArray labels, int classes) {
        LabelEmbedding.checkLabels(labels, classes);
        NDArray oneHot = labels.toType(DataType.INT64, false).oneHot(classes, images.getDataType());
        return joinChannels(images, oneHot);
    }

    /**
     * Checks that a conditional block got its input and one label per sample.
     *
     * @param inputs what {@code forward} got
     * @param block the block's name, for the message
     * @param first what the first input is: {@code "images"}, {@code "z"}
     * @throws IllegalArgumentException saying what the block takes
     */
    public static void expectPair(NDList inputs, String block, String first) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(block + " takes NDList(" + first + ", labels), got " + inputs.size()
                    + " array(s); a conditional model needs the class labels too");
        }
        if (inputs.get(1).getShape().dimension() != 1) {
            throw new IllegalArgumentException(block + ": labels must be (N) class indices, got shape "
                    + inputs.get(1).getShape());
        }
        if (inputs.get(1).getShape().get(0) != inputs.get(0).getShape().get(0)) {
            throw new IllegalArgumentException(
                    block + ": " + inputs.get(1).getShape().get(0) + " labels for a batch of "
                            + inputs.get(0).getShape().get(0));
        }
    }

    /**
     * Checks the shapes a conditional block is initialised with: its input's and the labels' {@code (N)}.
     *
     * @param inputShapes what {@code initialize} got
     * @param block the block's name, for the message
     * @param first what the first input is: {@code "images"}, {@code "z"}
     * @throws IllegalArgumentException saying what the block takes
     */
    public static void expectShapes(Shape[] inputShapes, String block, String first) {
        if (inputShapes.length != 2 || inputShapes[1].dimension() != 1) {
            throw new IllegalArgumentException(block + " is initialised with (" + first
                    + " shape, labels shape (N)), got " + java.util.Arrays.toString(inputShapes));
        }
    }
}
