package io.ganpoet.train.loop;

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
        // An in-place write to a parameter that requires a gradient is refused while autograd records.
        // DJL turns recording off only on the thread that started the engine; a trainer built on another
        // thread (a service training in the background) would fail here, so turn it off for this.
        boolean recording = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            initialise(block);
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(recording);
        }
    }

    private static void initialise(Block block) {
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
