package io.ganpoet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Re-initialises an initialised network's parameters. */
public final class Initialization {

    private Initialization() {}

    /**
     * The DCGAN paper's initialisation: convolution and transposed-convolution weights from
     * N(0, 0.02), batch-norm scale from N(1, 0.02) and shift 0. Other parameters (linear layers,
     * biases) keep DJL's initialisation. Uses the engine's random generator, so it follows its seed.
     *
     * @param block an initialised network
     */
    public static void dcgan(Block block) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter parameter = pair.getValue();
            NDArray array = parameter.getArray();
            if (parameter.getType() == Parameter.Type.WEIGHT && array.getShape().dimension() == 4) {
                fill(array, 0f, 0.02f);
            } else if (parameter.getType() == Parameter.Type.GAMMA) {
                fill(array, 1f, 0.02f);
            } else if (parameter.getType() == Parameter.Type.BETA) {
                array.set(new NDIndex(":"), 0f);
            }
        }
    }

    private static void fill(NDArray array, float mean, float std) {
        NDArray values =
                array.getManager().randomNormal(mean, std, array.getShape(), array.getDataType(), array.getDevice());
        array.set(new NDIndex(":"), values);
        values.close();
    }
}
