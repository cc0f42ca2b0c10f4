package io.ganpoet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterServer;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam for one network, as a DJL {@link ParameterServer} so a {@code ParameterStore} can drive it
 * over one device or several (data parallel: gradients summed on the first device, the update
 * copied to the others). Unlike DJL's {@code Adam} its state (moments and step counts) can be
 * saved and restored, keyed by the parameters' stable names, which a checkpoint needs. The update
 * itself is DJL's fused native Adam kernel.
 */
public final class AdamOptimizer implements ParameterServer {

    /** Adam's hyper-parameters. */
    public record Settings(float learningRate, float beta1, float beta2, float epsilon) {
        public static Settings of(double learningRate, double beta1, double beta2) {
            return new Settings((float) learningRate, (float) beta1, (float) beta2, 1e-8f);
        }
    }

    private static final class State {
        NDArray mean;
        NDArray variance;
        int steps;
    }

    private final Settings settings;
    /** Parameter id → stable name (DJL ids are per instance; names survive a restart). */
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, State> states = new LinkedHashMap<>();
    /** Every device copy of each parameter seen in an update, to zero their gradients. */
    private final Map<String, NDArray[]> replicas = new LinkedHashMap<>();

    /**
     * @param block the network whose trainable parameters this optimiser updates
     * @param settings the hyper-parameters
     */
    public AdamOptimizer(Block block, Settings settings) {
        this.settings = settings;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                names.put(p.getValue().getId(), p.getKey());
                parameters.put(p.getValue().getId(), p.getValue());
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public void init(String parameterId, NDArray[] value) {
        // State is created lazily on the first update, on the parameter's device.
    }

    /** {@inheritDoc} */
    @Override
    public void update(String parameterId, NDArray[] grads, NDArray[] params) {
        NDArray weight = params[0];
        NDArray grad = grads[0];
        for (int i = 1; i < grads.length; i++) {
            grad = grad.add(grads[i].toDevice(weight.getDevice(), false));
        }
        State state = states.computeIfAbsent(parameterId, id -> newState(weight));
        state.steps++;
        double coef1 = 1.0 - Math.pow(settings.beta1(), state.steps);
        double coef2 = 1.0 - Math.pow(settings.beta2(), state.steps);
        float corrected = (float) (settings.learningRate() * Math.sqrt(coef2) / coef1);
        weight.getNDArrayInternal()
                .adamUpdate(
                        new NDList(weight, grad, state.mean, state.variance),
                        new NDList(weight),
                        settings.learningRate(),
                        corrected,
                        0f,
                        1f,
                        -1f,
                        settings.beta1(),
                        settings.beta2(),
                        settings.epsilon(),
                        true,
                        false);
        for (int i = 1; i < params.length; i++) {
            params[i].set(new NDIndex(":"), weight.toDevice(params[i].getDevice(), false));
            zeroGradient(params[i]);
        }
        replicas.put(parameterId, params.clone());
    }

    private static State newState(NDArray weight) {
        State state = new State();
        NDManager manager = weight.getManager();
        state.mean = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
        state.variance = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
        return state;
    }

    /**
     * Zeroes the gradients of every copy of this network's parameters. A GAN needs it: the
     * generator's backward pass runs through the discriminator and leaves gradients there, which
     * would otherwise leak into the discriminator's next update.
     */
    public void zeroGradients() {
        for (Parameter parameter : parameters.values()) {
            if (parameter.isInitialized()) {
                zeroGradient(parameter.getArray());
            }
        }
        for (NDArray[] copies : replicas.values()) {
            for (NDArray copy : copies) {
                zeroGradient(copy);
            }
        }
    }

    private static void zeroGradient(NDArray array) {
        if (array.hasGradient()) {
            JniUtils.zeroGrad((PtNDArray) array);
        }
    }

    /**
     * Writes the moments and step counts, in parameter-name order.
     *
     * @param out the stream
     * @throws IOException on write failure
     */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(states.size());
        for (Map.Entry<String, State> e : states.entrySet()) {
            out.writeUTF(names.get(e.getKey()));
            out.writeInt(e.getValue().steps);
            writeArray(out, e.getValue().mean);
            writeArray(out, e.getValue().variance);
        }
    }

    /**
     * Restores what {@link #save} wrote, onto the parameters' devices.
     *
     * @param in the stream
     * @param manager the manager to own the restored state
     * @throws IOException on read failure or a parameter the network does not have
     */
    public void load(DataInputStream in, NDManager manager) throws IOException {
        Map<String, String> idsByName = new LinkedHashMap<>();
        names.forEach((id, name) -> idsByName.put(name, id));
        states.clear();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            String id = idsByName.get(name);
            if (id == null) {
                throw new IOException("optimizer state for parameter '" + name + "', which this network does not have");
            }
            State state = new State();
            state.steps = in.readInt();
            state.mean = readArray(in, manager, parameters.get(id));
            state.variance = readArray(in, manager, parameters.get(id));
            states.put(id, state);
        }
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static NDArray readArray(DataInputStream in, NDManager manager, Parameter parameter) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        NDArray array = manager.decode(bytes);
        return parameter.isInitialized() ? array.toDevice(parameter.getArray().getDevice(), false) : array;
    }

    /** {@inheritDoc} */
    @Override
    public void close() {
        for (State state : states.values()) {
            state.mean.close();
            state.variance.close();
        }
        states.clear();
    }
}
