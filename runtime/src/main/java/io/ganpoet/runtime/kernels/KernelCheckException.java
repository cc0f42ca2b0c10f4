package io.ganpoet.runtime.kernels;

import ai.djl.Device;
import java.util.Arrays;

/**
 * Thrown when neither libtorch's default kernel nor ganpoet's im2col route computes a convolution
 * right on this machine: nothing trustworthy is left to run it on, so nothing runs.
 */
public final class KernelCheckException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    KernelCheckException(ConvSignature signature, Device device, double[] defaults, double[] im2col) {
        super("no kernel computes "
                + signature.describe()
                + " right on "
                + device
                + " (relative errors against float64, output / input gradient / weight"
                + " gradient / bias gradient: default "
                + Arrays.toString(defaults)
                + ", im2col "
                + Arrays.toString(im2col)
                + "); please report it with this line and the output of lscpu");
    }
}
