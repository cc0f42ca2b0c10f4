package io.ganpoet.train.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One network being trained: its DJL {@link Block}, its DJL {@link Optimizer}, and one replica per
 * shard of the batch. Replica 0 is the block's own parameters; the others are copies held by a
 * {@link ParameterStore} each, on their device or on the same device again (which DJL's single
 * store refuses). A step runs shard {@code i} through {@link #forward(int, NDList,
 * boolean)}, back-propagates, and calls {@link #update()}, which hands every trainable parameter's
 * replicas to a {@link ReplicaParameterServer}: gradients summed, one optimizer update, copies
 * refreshed.
 *
 * <p>Each network has its own optimizer and stores, so a step only ever updates the network it
 * names; gradients that another network's backward pass leaves here are cleared by {@link
 * #zeroGradients()}.
 */
public final class TrainableNetwork {

    private final String name;
    private final Block block;
    private final ReplicaParameterServer server;
    private final List<Device> devices;
    private final List<ParameterStore> stores = new ArrayList<>();
    private final Map<String, Parameter> trainable = new LinkedHashMap<>();
    private final Map<String, String> namesById = new LinkedHashMap<>();

    /**
     * @param name stable name, used for checkpoint files (e.g. {@code generator})
     * @param block the initialised block
     * @param optimizer any DJL optimizer; a {@link io.ganpoet.train.optim.ResumableOptimizer} has
     *     its state checkpointed
     * @param manager owns the replicas
     * @param devices one per shard; the first holds the block's own parameters
     */
    public TrainableNetwork(String name, Block block, Optimizer optimizer, NDManager manager, List<Device> devices) {
        this.name = name;
        this.block = block;
        this.server = new ReplicaParameterServer(optimizer);
        this.devices = List.copyOf(devices);
        for (int i = 0; i < devices.size(); i++) {
            NDManager replicaManager = manager.newSubManager(devices.get(i));
            stores.add(i == 0 ? new ParameterStore(replicaManager, false) : new ReplicaStore(replicaManager));
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            namesById.put(p.getValue().getId(), p.getKey());
            if (p.getValue().requiresGradient()) {
                trainable.put(p.getValue().getId(), p.getValue());
            }
        }
    }

    /**
     * Returns the network's name.
     *
     * @return the name in checkpoint files and config keys
     */
    public String name() {
        return name;
    }

    /**
     * Returns the block (replica 0).
     *
     * @return the block
     */
    public Block block() {
        return block;
    }

    /**
     * Returns the optimizer.
     *
     * @return the network's optimizer
     */
    public Optimizer optimizer() {
        return server.optimizer();
    }

    /**
     * The parameter store of a shard's replica, for blocks that want one directly.
     *
     * @param shard the shard's index
     * @return its parameter store
     */
    public ParameterStore store(int shard) {
        return stores.get(shard);
    }

    /**
     * Parameter id → the name {@code Block.getParameters()} gives it (stable across processes).
     *
     * @return the names by id
     */
    public Map<String, String> parameterNames() {
        return namesById;
    }

    /**
     * Runs shard {@code shard}'s replica.
     *
     * @param shard the shard index
     * @param input the input on that shard's device
     * @param training whether autograd and batch statistics are in training mode
     * @return the output
     */
    public NDList forward(int shard, NDList input, boolean training) {
        return block.forward(stores.get(shard), input, training);
    }

    /**
     * Shorthand for a single-array forward pass.
     *
     * @param shard the shard's index
     * @param input the input
     * @param training whether batch norm and dropout run in training mode
     * @return the single output
     */
    public NDArray forward(int shard, NDArray input, boolean training) {
        return forward(shard, new NDList(input), training).singletonOrThrow();
    }

    /** Clears the gradients of every replica of this network's trainable parameters. */
    public void zeroGradients() {
        for (Parameter p : trainable.values()) {
            for (NDArray replica : replicas(p)) {
                if (replica.hasGradient()) {
                    JniUtils.zeroGrad((PtNDArray) replica);
                }
            }
        }
    }

    /** Applies one optimizer update from the replicas' accumulated gradients. */
    public void update() {
        for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
            NDArray[] params = replicas(e.getValue());
            NDArray[] grads = new NDArray[params.length];
            for (int i = 0; i < params.length; i++) {
                grads[i] = params[i].getGradient();
            }
            server.update(e.getKey(), grads, params);
        }
    }

    private NDArray[] replicas(Parameter parameter) {
        NDArray[] arrays = new NDArray[stores.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = stores.get(i).getValue(parameter, devices.get(i), true);
        }
        return arrays;
    }

    /**
     * A replica's parameters: real copies with their own gradients. DJL's {@code ParameterStore}
     * copies with {@code toDevice(device, true)}, which on the parameter's own device returns the
     * same libtorch tensor, so two "replicas" on one device would share one gradient.
     */
    private static final class ReplicaStore extends ParameterStore {
        private final NDManager manager;
        private final Map<String, NDArray> copies = new java.util.concurrent.ConcurrentHashMap<>();

        ReplicaStore(NDManager manager) {
            super(manager, true);
            this.manager = manager;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            if (parameter == null) {
                return null;
            }
            return copies.computeIfAbsent(parameter.getId(), id -> {
                NDArray source = parameter.getArray();
                NDArray copy = source.getDevice().equals(device) ? source.duplicate() : source.toDevice(device, true);
                copy.attach(manager);
                if (parameter.requiresGradient()) {
                    copy.setRequiresGradient(true);
                }
                return copy;
            });
        }
    }
}
