package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/** Shared helpers of the label-conditioned blocks. */
final class Conditioning {

    private Conditioning() {}

    /** {@code x} {@code (N, C, d…)} and per-sample vectors {@code (N, D)} → {@code (N, C + D, d…)}. */
    static NDArray joinChannels(NDArray x, NDArray vectors) {
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

    static void expectPair(NDList inputs, String block, String first) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(block + " takes NDList(" + first + ", labels), got " + inputs.size()
                    + " array(s); a conditional model needs the class labels too");
        }
        if (inputs.get(1).getShape().get(0) != inputs.get(0).getShape().get(0)) {
            throw new IllegalArgumentException(block + ": " + inputs.get(1).getShape().get(0) + " labels for a batch of "
                    + inputs.get(0).getShape().get(0));
        }
    }

    static void expectShapes(Shape[] inputShapes, String block, String first) {
        if (inputShapes.length != 2 || inputShapes[1].dimension() != 1) {
            throw new IllegalArgumentException(block + " is initialised with (" + first + " shape, labels shape (N)), got "
                    + java.util.Arrays.toString(inputShapes));
        }
    }
}
