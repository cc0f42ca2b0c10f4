package io.ganpoet.runtime.nn;

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
 * libtorch's own {@code conv_transpose2d}, reached through a tiny TorchScript module.
 *
 * <p>Why a module: libtorch has a transposed convolution (oneDNN's kernel on a CPU, cuDNN's on a
 * GPU) and autograd knows its backward pass, but DJL 0.35's Java API does not expose it ({@code
 * Conv2dTranspose} throws "Not implemented" on the PyTorch engine). A TorchScript function is
 * something DJL can run with autograd recording, so {@code conv_transpose2d.pt} (2 KB, a resource
 * of this package; {@code runtime/src/main/torchscript/conv_transpose2d.py} regenerates it) holds
 * one call of {@code torch.nn.functional.conv_transpose2d}. Weight and bias are inputs, not module
 * parameters, so the module holds no data and the block's DJL parameters stay the only copy.
 *
 * <p>The module is loaded once per process and device, on a manager that lives as long as the
 * process, and run with {@link IValueUtils#forward(PtSymbolBlock, NDList, boolean)} with {@code
 * isTrain = true}: that keeps the thread's autograd mode, exactly like a DJL operation, so inside
 * a {@code GradientCollector} the result is differentiable and outside one it is not.
 */
final class NativeConvTranspose {

    private static final String RESOURCE = "conv_transpose2d.pt";

    private static final Map<Device, PtSymbolBlock> MODULES = new ConcurrentHashMap<>();

    private NativeConvTranspose() {}

    /**
     * Runs {@code conv_transpose2d(x, w, b, ...)}.
     *
     * @param x the input {@code (N, C_in, H, W)}
     * @param w the weight {@code (C_in, C_out / groups, kH, kW)}
     * @param b the bias {@code (C_out)}, or {@code null}
     * @param arguments the int64 argument tensor from {@link #arguments}, on {@code x}'s device
     * @return the output, on {@code x}'s manager
     */
    static NDArray apply(NDArray x, NDArray w, NDArray b, NDArray arguments) {
        PtSymbolBlock module = module(x.getDevice());
        // IValueUtils reads array names as TorchScript argument structure ("a.b", "x[]", ...);
        // an input arriving with a name goes in as an unnamed view.
        NDArray input = x.getName() == null ? x : x.reshape(x.getShape());
        NDList inputs = new NDList(input, w, b == null ? w : b, arguments);
        return IValueUtils.forward(module, inputs, true).singletonOrThrow();
    }

    /**
     * The module's integer arguments as one libtorch-owned int64 tensor: stride, padding, output
     * padding, groups, dilation (H and W each) and whether a bias is passed.
     *
     * @param manager where to create it (its device is the tensor's)
     * @param values the ten values
     * @return the tensor
     */
    static NDArray arguments(NDManager manager, long[] values) {
        // create() wraps a Java buffer; the copy is owned by libtorch, so nothing outlives its memory.
        try (NDArray wrapped = manager.create(values)) {
            return wrapped.duplicate();
        }
    }

    private static PtSymbolBlock module(Device device) {
        PtSymbolBlock module = MODULES.get(device);
        return module != null ? module : MODULES.computeIfAbsent(device, NativeConvTranspose::load);
    }

    private static PtSymbolBlock load(Device device) {
        // A base manager outlives every caller's scope; the module is kept for the process.
        PtNDManager manager = (PtNDManager) NDManager.newBaseManager(device, "PyTorch");
        try (InputStream in = NativeConvTranspose.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("ganpoet-runtime is missing its resource " + RESOURCE);
            }
            return JniUtils.loadModule(manager, in, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + RESOURCE, e);
        }
    }
}
