package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A discriminator that ends in a sigmoid and can also return the scores before it. Trainers use
 * the scores: binary cross-entropy from logits keeps its full gradient where a saturated sigmoid's
 * probability would have rounded to 0 or 1 (PyTorch's {@code BCEWithLogitsLoss} advice). ganpoet
 * generates this for every spec whose last activation is {@code SIGMOID}.
 */
public interface LogitsBlock extends Block {

    /**
     * Runs the whole network except the final sigmoid. A conditional discriminator, which needs
     * labels too, throws {@link IllegalArgumentException} here: use {@link #logits(ParameterStore,
     * NDList, boolean)}.
     *
     * @param parameterStore where the parameters live
     * @param input a batch
     * @param training whether batch norm and dropout run in training mode
     * @return the logits; {@code sigmoid(logits)} is the block's forward output
     */
    NDArray logits(ParameterStore parameterStore, NDArray input, boolean training);

    /**
     * Runs the whole network except the final sigmoid on a list of inputs: the images alone, or
     * {@code NDList(images, labels)} for a conditional discriminator.
     *
     * @param parameterStore where the parameters live
     * @param inputs the inputs, as {@code forward} takes them
     * @param training whether batch norm and dropout run in training mode
     * @return the logits
     */
    default NDArray logits(ParameterStore parameterStore, NDList inputs, boolean training) {
        return logits(parameterStore, inputs.singletonOrThrow(), training);
    }
}
