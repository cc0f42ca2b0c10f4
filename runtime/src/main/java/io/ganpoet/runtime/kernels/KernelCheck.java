package io.ganpoet.runtime.kernels;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;

/**
 * Runs one convolution signature's default kernel against a float64 reference (the TorchScript
 * module {@code conv2d_check.pt}; {@code runtime/src/main/torchscript/conv2d_kernels.py} documents
 * it): forward pass, input, weight and bias gradients, the default kernel {@link #RUNS} times at the
 * real batch size, each time on memory freshly poisoned with NaN (the wrong kernels seen read memory
 * they have not written: right on zeroed memory, wrong on reused memory). The reference is the
 * im2col formulation in float64 on the CPU; every sample of the batch is compared through random
 * projections, which cost the reference two samples whatever the batch size. Probe values are made
 * without libtorch's random generator, so a seeded run draws the same random numbers with or
 * without the check.
 */
final class KernelCheck {

    /**
     * The largest relative error ({@code max |got - ref| / max |ref|}) a right float32 kernel
     * shows: right kernels measure 1e-7 to 3e-6 against float64, the wrong ones seen 0.05 to 1 or
     * NaN.
     */
    static final double TOLERANCE = 1e-4;

    /**
     * The tolerance on a GPU: cuDNN may compute float32 convolutions in TF32 (libtorch's default),
     * which puts right kernels at up to 6e-4; wrong kernels are off by far more.
     */
    static final double GPU_TOLERANCE = 2e-3;

    /**
     * How many poisoned runs of the default kernel: on the Zen 5 VM one run missed a wrong kernel 2
     * times in 39, two or more 0 times in 200.
     */
    static final int RUNS = 2;

    private KernelCheck() {}

    static KernelVerdict run(ConvSignature signature, Device device, KernelFault fault) {
        return run(signature, device, fault, RUNS);
    }

    static KernelVerdict run(ConvSignature signature, Device device, KernelFault fault, int runs) {
        long start = System.nanoTime();
        double[] errors;
        try (NDManager scope = NDManager.newBaseManager(device, "PyTorch");
                NDManager host = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            // After the managers: they load the engine, whose native library the grad-mode calls need.
            boolean gradMode = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            try {
                errors = check(signature, device, fault, runs, scope, host);
            } finally {
                JniUtils.setGradMode(gradMode);
            }
        }
        double[] defaults = Arrays.copyOfRange(errors, 0, 4);
        double[] trusted = errors[4] < 0 ? new double[0] : Arrays.copyOfRange(errors, 4, 8);
        ConvRoute route = ConvRoute.DEFAULT;
        double tolerance = tolerance(device);
        if (!within(defaults, tolerance)) {
            if (trusted.length == 0 || !within(trusted, tolerance)) {
                throw new KernelCheckException(signature, device, defaults, trusted);
            }
            route = ConvRoute.IM2COL;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new KernelVerdict(signature, device.toString(), route, KernelPolicy.CHECKED, defaults, trusted, millis);
    }

    private static double[] check(
            ConvSignature signature, Device device, KernelFault fault, int runs, NDManager scope, NDManager host) {
        Shape input = signature.input();
        NDArray x = scope.zeros(input);
        NDArray w = scope.zeros(signature.weight());
        NDArray b = scope.zeros(new Shape(signature.filters()));
        long[] geometry = signature.geometry().scriptArguments();
        long[] arguments = Arrays.copyOf(geometry, geometry.length + 3);
        arguments[geometry.length] = Math.round(tolerance(device) * 1e6);
        arguments[geometry.length + 1] = fault.code();
        arguments[geometry.length + 2] = runs;
        NDArray result = ScriptModules.run(ScriptModules.CHECK, x, w, b, ScriptModules.arguments(host, arguments));
        return result.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
    }

    static double tolerance(Device device) {
        return device.isGpu() ? GPU_TOLERANCE : TOLERANCE;
    }

    private static boolean within(double[] errors, double tolerance) {
        for (double e : errors) {
            if (!(e <= tolerance)) {
                return false;
            }
        }
        return true;
    }
}
