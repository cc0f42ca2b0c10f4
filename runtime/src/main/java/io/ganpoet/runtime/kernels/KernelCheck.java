package io.ganpoet.runtime.kernels;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Runs one convolution signature's default kernel against a float64 reference (the TorchScript
 * module {@code conv2d_check.pt}; {@code runtime/src/main/torchscript/conv2d_kernels.py} documents
 * it): forward pass, input, weight and bias gradients, the default kernel twice (a kernel that is
 * not deterministic fails too), at the real batch size. The reference is ATen's own float64
 * convolution on the CPU, which oneDNN does not implement, on three samples of the batch (first,
 * middle, last: work split across threads is covered); the output gradient is zero on the others.
 * Probe values are made without libtorch's random generator, so a seeded run draws the same random
 * numbers with or without the check.
 */
final class KernelCheck {

    /**
     * The largest relative error ({@code max |got - ref| / max |ref|}) a right float32 kernel
     * shows: right kernels measure 1e-7 to 3e-6 against float64, the wrong ones seen 0.05 to 1 or
     * NaN.
     */
    static final double TOLERANCE = 1e-4;

    static final int RUNS = 4;

    private KernelCheck() {}

    static KernelVerdict run(ConvSignature signature, Device device, KernelFault fault) {
        return run(signature, device, fault, RUNS);
    }

    static KernelVerdict run(ConvSignature signature, Device device, KernelFault fault, int runs) {
        long start = System.nanoTime();
        double[] errors;
        boolean gradMode = JniUtils.isGradMode();
        try (NDManager scope = NDManager.newBaseManager(device, "PyTorch")) {
            JniUtils.setGradMode(true);
            Shape input = signature.input();
            NDArray x = scope.zeros(input);
            NDArray w = scope.zeros(signature.weight());
            NDArray b = scope.zeros(new Shape(signature.filters()));
            long[] geometry = signature.geometry().scriptArguments();
            long n = input.get(0);
            TreeSet<Long> rows = new TreeSet<>(Arrays.asList(0L, n / 2, n - 1));
            long[] arguments = Arrays.copyOf(geometry, geometry.length + 3 + rows.size());
            arguments[geometry.length] = Math.round(TOLERANCE * 1e6);
            arguments[geometry.length + 1] = fault.code();
            arguments[geometry.length + 2] = runs;
            int i = geometry.length + 3;
            for (long row : rows) {
                arguments[i++] = row;
            }
            NDArray result =
                    ScriptModules.run(
                            ScriptModules.CHECK, x, w, b, ScriptModules.arguments(scope, arguments));
            errors = result.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        double[] defaults = Arrays.copyOfRange(errors, 0, 4);
        double[] trusted = errors[4] < 0 ? new double[0] : Arrays.copyOfRange(errors, 4, 8);
        ConvRoute route = ConvRoute.DEFAULT;
        if (!within(defaults)) {
            if (trusted.length == 0 || !within(trusted)) {
                throw new KernelCheckException(signature, device, defaults, trusted);
            }
            route = ConvRoute.IM2COL;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new KernelVerdict(
                signature, device.toString(), route, KernelPolicy.CHECKED, defaults, trusted, millis);
    }

    private static boolean within(double[] errors) {
        for (double e : errors) {
            if (!(e <= TOLERANCE)) {
                return false;
            }
        }
        return true;
    }
}
