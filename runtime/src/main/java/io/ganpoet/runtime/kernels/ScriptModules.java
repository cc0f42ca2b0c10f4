package io.ganpoet.runtime.kernels;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ganpoet's TorchScript kernels: tiny modules (resources of this package, written by the scripts in
 * {@code runtime/src/main/torchscript/}) that reach libtorch operations DJL's Java API does not
 * expose, such as {@code conv_transpose2d}, {@code unfold}, {@code fold} and autograd's {@code grad}.
 *
 * <p>A module holds no data: tensors and integer arguments are inputs, so the blocks' DJL parameters
 * stay the only copy. Each is loaded once per process and device, on a manager that lives as long
 * as the process, and run with {@link IValueUtils#forward(PtSymbolBlock, NDList, boolean)} with
 * {@code isTrain = true}, which keeps the thread's autograd mode exactly like a DJL operation: inside
 * a {@code GradientCollector} the result is differentiable, outside one it is not.
 */
final class ScriptModules {

    /** libtorch's own {@code conv2d} / {@code conv_transpose2d} ({@link ConvRoute#DEFAULT}). */
    static final String DEFAULT = "conv2d_default.pt";
    /** The im2col route, both directions ({@link ConvRoute#IM2COL}). */
    static final String IM2COL = "conv2d_im2col.pt";
    /** The kernel check ({@link KernelCheck}). */
    static final String CHECK = "conv2d_check.pt";

    /** DJL's own setting for TorchScript graph optimisation, {@code true} unless a user set it. */
    private static final boolean GRAPH_OPTIMIZER =
            Boolean.parseBoolean(System.getProperty("ai.djl.pytorch.graph_optimizer", "true"));

    private static final Map<String, PtSymbolBlock> MODULES = new ConcurrentHashMap<>();
    private static final Map<Device, NDManager> MANAGERS = new ConcurrentHashMap<>();

    private ScriptModules() {}

    /**
     * Runs a module's {@code forward} on the given inputs.
     *
     * @param resource the module's resource name
     * @param inputs its arguments, tensors on one device
     * @return its single output, on the first input's manager
     */
    static NDArray run(String resource, NDArray... inputs) {
        NDList list = new NDList(inputs.length);
        NDList views = new NDList();
        for (NDArray input : inputs) {
            // IValueUtils reads array names as TorchScript argument structure ("a.b", "x[]", ...);
            // a named input (DJL names parameters "weight", "bias") goes in as an unnamed view,
            // closed after the call: autograd keeps its own reference to the tensor.
            if (input.getName() == null) {
                list.add(input);
            } else {
                NDArray view = input.reshape(input.getShape());
                views.add(view);
                list.add(view);
            }
        }
        PtSymbolBlock module = module(resource, inputs[0].getDevice());
        // TorchScript's profiling executor re-specialises a graph for every new input shape
        // (hundreds of milliseconds each); these graphs are single operations with nothing to fuse.
        // The switch is per thread: off for this call, then back to DJL's setting (its property,
        // true by default; a thread that switched it off by hand finds it on again).
        JniUtils.setGraphExecutorOptimize(false);
        try {
            return IValueUtils.forward(module, list, true).singletonOrThrow();
        } finally {
            JniUtils.setGraphExecutorOptimize(GRAPH_OPTIMIZER);
            views.close();
        }
    }

    /**
     * Integer arguments as one libtorch-owned int64 tensor.
     *
     * @param manager where to create it (its device is the tensor's)
     * @param values the values
     * @return the tensor
     */
    static NDArray arguments(NDManager manager, long[] values) {
        // create() wraps a Java buffer; the copy is owned by libtorch, so nothing outlives its memory.
        try (NDArray wrapped = manager.create(values)) {
            return wrapped.duplicate();
        }
    }

    private static PtSymbolBlock module(String resource, Device device) {
        String key = resource + '@' + device;
        PtSymbolBlock module = MODULES.get(key);
        return module != null ? module : MODULES.computeIfAbsent(key, k -> load(resource, device));
    }

    /**
     * A manager that lives as long as the process, for what is kept that long (modules, argument
     * tensors).
     *
     * @param device its device
     * @return the manager
     */
    static NDManager processManager(Device device) {
        return MANAGERS.computeIfAbsent(device, d -> NDManager.newBaseManager(d, "PyTorch"));
    }

    private static PtSymbolBlock load(String resource, Device device) {
        PtNDManager manager = (PtNDManager) processManager(device);
        try (InputStream in = ScriptModules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("ganpoet-runtime is missing its resource " + resource);
            }
            return JniUtils.loadModule(manager, in, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load ganpoet-runtime's " + resource, e);
        }
    }
}
