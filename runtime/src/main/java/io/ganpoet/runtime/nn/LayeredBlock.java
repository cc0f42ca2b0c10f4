package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A block made of a known sequence of layers that can be run part way: the generated
 * discriminators and generators implement it, so tests can check each layer's runtime shape
 * against the compile-time table and tools can read intermediate features.
 */
public interface LayeredBlock extends Block {

    /**
     * Returns the number of layers.
     *
     * @return the number of layers
     */
    int layerCount();

    /**
     * Runs the first {@code layers} layers. A conditional block, which needs labels too, throws
     * {@link IllegalArgumentException} here: use {@link #forwardLayers(ParameterStore, NDList, boolean, int)}.
     *
     * @param parameterStore where the parameters live
     * @param input a batch
     * @param training whether batch norm and dropout run in training mode
     * @param layers how many layers to run, from 0 (the input itself) to {@link #layerCount()}
     * @return the output of the last layer run
     */
    NDArray forwardLayers(ParameterStore parameterStore, NDArray input, boolean training, int layers);

    /**
     * Runs the first {@code layers} layers on a list of inputs: the input alone, or {@code
     * NDList(input, labels)} for a conditional network.
     *
     * @param parameterStore where the parameters live
     * @param inputs the inputs, as {@code forward} takes them
     * @param training whether batch norm and dropout run in training mode
     * @param layers how many layers to run, from 0 (the input itself) to {@link #layerCount()}
     * @return the output of the last layer run
     */
    default NDArray forwardLayers(ParameterStore parameterStore, NDList inputs, boolean training, int layers) {
        return forwardLayers(parameterStore, inputs.singletonOrThrow(), training, layers);
    }
}
