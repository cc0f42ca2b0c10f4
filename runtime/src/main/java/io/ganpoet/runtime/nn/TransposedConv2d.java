package io.ganpoet.runtime.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Deconvolution;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganpoet.runtime.kernels.BlockKernels;
import io.ganpoet.runtime.kernels.ConvGeometry;
import io.ganpoet.runtime.kernels.KernelCheckedBlock;
import io.ganpoet.runtime.kernels.KernelVerdict;
import java.util.List;

/**
 * A 2-D transposed convolution ("deconvolution") with exactly the semantics of PyTorch's {@code
 * torch.nn.ConvTranspose2d}, built only from operations DJL's PyTorch engine implements (its own
 * {@code Conv2dTranspose} throws {@code UnsupportedOperationException}).
 *
 * <p>Input {@code (N, C_in, H, W)}, output {@code (N, filters, H_out, W_out)} with, per axis,
 *
 * <pre>  out = (in - 1) * stride - 2 * padding + dilation * (kernel - 1) + outPadding + 1</pre>
 *
 * <h2>Parameters</h2>
 *
 * <ul>
 *   <li>{@code weight}: shape {@code (C_in, filters / groups, kH, kW)} &mdash; PyTorch's layout, so
 *       a {@code ConvTranspose2d.weight} loads unchanged. (DJL's own {@code Conv2dTranspose} declares
 *       {@code (filters, C_in / groups, kH, kW)}; the two are not interchangeable.)
 *   <li>{@code bias}: shape {@code (filters)}, unless {@link Builder#optBias(boolean) disabled}.
 * </ul>
 *
 * <h2>How it is computed</h2>
 *
 * <p>With libtorch's own {@code conv_transpose2d} (oneDNN's kernel on a CPU, cuDNN's on a GPU),
 * which DJL's Java API does not expose: it is reached through a small TorchScript module shipped
 * with ganpoet-runtime, and libtorch's autograd supplies the backward pass. Each signature is
 * checked against a float64 reference before its first use; where libtorch's kernel is wrong on
 * this machine the block runs on ganpoet's im2col route instead ({@link io.ganpoet.runtime.kernels.ConvKernels}). This needs
 * DJL's PyTorch engine. (Earlier versions lowered the
 * operation onto ordinary convolutions, by zero insertion or by a sub-pixel phase decomposition;
 * measured against libtorch's kernel forward and backward on the DCGAN generator's layers, neither
 * won anywhere, so both are gone: docs/NOTES.md.)
 */
public final class TransposedConv2d extends AbstractBlock implements KernelCheckedBlock {

    private static final byte VERSION = 1;

    private final Shape kernelShape;
    private final Shape stride;
    private final Shape padding;
    private final Shape outPadding;
    private final Shape dilation;
    private final int filters;
    private final int groups;
    private final boolean includeBias;

    private final Parameter weight;
    private final Parameter bias;

    private final ConvGeometry geometry;
    private final BlockKernels kernels = new BlockKernels();

    private TransposedConv2d(
            Shape kernelShape,
            Shape stride,
            Shape padding,
            Shape outPadding,
            Shape dilation,
            int filters,
            int groups,
            boolean includeBias) {
        super(VERSION);
        this.kernelShape = kernelShape;
        this.stride = stride;
        this.padding = padding;
        this.outPadding = outPadding;
        this.dilation = dilation;
        this.filters = filters;
        this.groups = groups;
        this.includeBias = includeBias;
        geometry = ConvGeometry.transposed(stride, padding, outPadding, dilation, groups, includeBias);
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
        bias = includeBias
                ? addParameter(Parameter.builder()
                        .setName("bias")
                        .setType(Parameter.Type.BIAS)
                        .build())
                : null;
    }

    /**
     * Returns a builder for a {@link TransposedConv2d}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        Shape input = inputShapes[0];
        if (input.dimension() != 4) {
            throw new IllegalArgumentException("TransposedConv2d expects input (N, C, H, W), got " + input);
        }
        long channels = input.get(1);
        if (channels % groups != 0) {
            throw new IllegalArgumentException(
                    "TransposedConv2d: input channels " + channels + " are not divisible by groups " + groups);
        }
        for (int axis = 0; axis < 2; axis++) {
            long out = outputSize(axis, input.get(2 + axis));
            if (out < 1) {
                throw new IllegalArgumentException("TransposedConv2d: input "
                        + input
                        + " gives output size "
                        + out
                        + " on axis "
                        + (axis == 0 ? "H" : "W")
                        + "; reduce padding "
                        + padding.get(axis));
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        long channels = inputShapes[0].get(1);
        weight.setShape(new Shape(channels, filters / groups).addAll(kernelShape));
        if (bias != null) {
            bias.setShape(new Shape(filters));
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        return new Shape[] {new Shape(input.get(0), filters, outputSize(0, input.get(2)), outputSize(1, input.get(3)))};
    }

    private long outputSize(int axis, long in) {
        return (in - 1) * stride.get(axis)
                - 2 * padding.get(axis)
                + dilation.get(axis) * (kernelShape.get(axis) - 1)
                + outPadding.get(axis)
                + 1;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        NDArray w = parameterStore.getValue(weight, device, training);
        NDArray b = bias == null ? null : parameterStore.getValue(bias, device, training);
        return new NDList(kernels.convolve(input, w, b, geometry));
    }

    /** {@inheritDoc} */
    @Override
    public List<KernelVerdict> kernelVerdicts() {
        return kernels.verdicts();
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "TransposedConv2d(filters="
                + filters
                + ", kernel="
                + kernelShape
                + ", stride="
                + stride
                + ", padding="
                + padding
                + ", outPadding="
                + outPadding
                + ", dilation="
                + dilation
                + ", groups="
                + groups
                + ", bias="
                + includeBias
                + ')';
    }

    /**
     * Builds a {@link TransposedConv2d}: DJL's own {@link Deconvolution.DeconvolutionBuilder}
     * (the setters of {@code Conv2dTranspose.Builder}), with 2-D defaults and ganpoet's checks.
     */
    public static final class Builder extends Deconvolution.DeconvolutionBuilder<Builder> {

        private Builder() {
            stride = new Shape(1, 1);
            padding = new Shape(0, 0);
            outPadding = new Shape(0, 0);
            dilation = new Shape(1, 1);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Validates the configuration and builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public TransposedConv2d build() {
            if (kernelShape == null) {
                throw new IllegalArgumentException("TransposedConv2d: kernel shape is required (setKernelShape)");
            }
            if (filters <= 0) {
                throw new IllegalArgumentException(
                        "TransposedConv2d: filters must be set to a positive number (setFilters), got " + filters);
            }
            requireTwoD("kernel shape", kernelShape, 1);
            requireTwoD("stride", stride, 1);
            requireTwoD("dilation", dilation, 1);
            requireTwoD("padding", padding, 0);
            requireTwoD("output padding", outPadding, 0);
            if (groups < 1) {
                throw new IllegalArgumentException("TransposedConv2d: groups must be at least 1, got " + groups);
            }
            if (filters % groups != 0) {
                throw new IllegalArgumentException(
                        "TransposedConv2d: filters " + filters + " are not divisible by groups " + groups);
            }
            for (int axis = 0; axis < 2; axis++) {
                long op = outPadding.get(axis);
                if (op >= stride.get(axis) && op >= dilation.get(axis)) {
                    throw new IllegalArgumentException("TransposedConv2d: output padding "
                            + op
                            + " on axis "
                            + (axis == 0 ? "H" : "W")
                            + " must be smaller than the stride ("
                            + stride.get(axis)
                            + ") or the dilation ("
                            + dilation.get(axis)
                            + ")");
                }
            }
            return new TransposedConv2d(
                    kernelShape, stride, padding, outPadding, dilation, filters, groups, includeBias);
        }

        private static void requireTwoD(String what, Shape shape, long min) {
            if (shape == null || shape.dimension() != 2) {
                throw new IllegalArgumentException(
                        "TransposedConv2d: " + what + " must have 2 dimensions (H, W), got " + shape);
            }
            for (long v : shape.getShape()) {
                if (v < min) {
                    throw new IllegalArgumentException(
                            "TransposedConv2d: " + what + " must be at least " + min + " in each axis, got " + shape);
                }
            }
        }
    }
}
