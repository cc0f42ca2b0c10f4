package io.ganpoet.runtime.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganpoet.runtime.kernels.BlockKernels;
import io.ganpoet.runtime.kernels.ConvGeometry;
import io.ganpoet.runtime.kernels.KernelCheckedBlock;
import io.ganpoet.runtime.kernels.KernelVerdict;
import java.util.List;

/**
 * DJL's {@link Conv2d} (same builder, parameters, file format and outputs), computed on a kernel
 * that is right on this machine: each signature is checked against a float64 reference before its
 * first use and, if libtorch's default kernel is wrong there, runs on ganpoet's im2col route
 * ({@link io.ganpoet.runtime.kernels.ConvKernels}). On a machine whose kernels are right it runs exactly DJL's {@code
 * Conv2d}. Generated discriminators and encoders are built from it; code that holds a {@code
 * Conv2d} keeps working.
 */
public class CheckedConv2d extends Conv2d implements KernelCheckedBlock {

    private final BlockKernels kernels = new BlockKernels();

    /**
     * Creates the block from a builder.
     *
     * @param builder the settings
     */
    protected CheckedConv2d(Builder builder) {
        super(builder);
    }

    /**
     * Returns a builder: DJL's {@code Conv2d.Builder}, whose {@code build()} makes a {@code
     * CheckedConv2d}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        NDArray w = parameterStore.getValue(weight, device, training);
        NDArray b = bias == null ? null : parameterStore.getValue(bias, device, training);
        ConvGeometry geometry = ConvGeometry.convolution(stride, padding, dilation, groups, b != null);
        return new NDList(kernels.convolve(input, w, b, geometry));
    }

    /** {@inheritDoc} */
    @Override
    public List<KernelVerdict> kernelVerdicts() {
        return kernels.verdicts();
    }

    /** DJL's {@code Conv2d.Builder}, building a {@link CheckedConv2d}. */
    public static class Builder extends Conv2d.Builder {

        /** Creates a builder; see {@link CheckedConv2d#builder()}. */
        protected Builder() {}

        /**
         * Validates the settings and builds the block.
         *
         * @return the block
         */
        @Override
        public CheckedConv2d build() {
            validate();
            return new CheckedConv2d(this);
        }
    }
}
