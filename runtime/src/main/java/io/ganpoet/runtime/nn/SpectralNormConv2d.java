package io.ganpoet.runtime.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.ganpoet.runtime.kernels.BlockKernels;
import io.ganpoet.runtime.kernels.ConvGeometry;
import io.ganpoet.runtime.kernels.KernelCheckedBlock;
import io.ganpoet.runtime.kernels.KernelVerdict;
import java.util.List;

/**
 * A 2-D convolution whose weight is divided by its largest singular value, estimated by power
 * iteration as {@code torch.nn.utils.spectral_norm} does (Miyato et al., "Spectral Normalization
 * for Generative Adversarial Networks", 2018). It keeps a GAN discriminator 1-Lipschitz per layer.
 *
 * <p>Parameters: {@code weight} {@code (filters, C_in, kH, kW)} and {@code bias} {@code (filters)}
 * as in DJL's {@code Conv2d}, plus {@code u} {@code (filters)}, the running estimate of the top
 * left singular vector of the weight viewed as a {@code filters × (C_in·kH·kW)} matrix. {@code u}
 * is not trained; every training forward pass refines it with {@code powerIterations} steps.
 * Gradients flow through σ to the weight, with {@code u} and {@code v} held constant.
 */
public final class SpectralNormConv2d extends AbstractBlock implements KernelCheckedBlock {

    private static final byte VERSION = 1;

    private final Shape kernelShape;
    private final Shape stride;
    private final Shape padding;
    private final Shape dilation;
    private final int filters;
    private final int powerIterations;
    private final float epsilon;

    private final Parameter weight;
    private final Parameter bias;
    private final Parameter u;

    private final ConvGeometry geometry;
    private final BlockKernels kernels = new BlockKernels();

    private SpectralNormConv2d(
            Shape kernelShape,
            Shape stride,
            Shape padding,
            Shape dilation,
            int filters,
            boolean includeBias,
            int powerIterations,
            float epsilon) {
        super(VERSION);
        this.kernelShape = kernelShape;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.filters = filters;
        this.powerIterations = powerIterations;
        this.epsilon = epsilon;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
        geometry = ConvGeometry.convolution(stride, padding, dilation, 1, includeBias);
        bias = includeBias
                ? addParameter(Parameter.builder()
                        .setName("bias")
                        .setType(Parameter.Type.BIAS)
                        .build())
                : null;
        u = addParameter(Parameter.builder()
                .setName("u")
                .setType(Parameter.Type.OTHER)
                .optInitializer(new NormalInitializer(1f))
                .optRequiresGrad(false)
                .build());
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1)).addAll(kernelShape));
        if (bias != null) {
            bias.setShape(new Shape(filters));
        }
        u.setShape(new Shape(filters));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long[] out = {in.get(0), filters, 0, 0};
        for (int axis = 0; axis < 2; axis++) {
            out[2 + axis] =
                    (in.get(2 + axis) + 2 * padding.get(axis) - dilation.get(axis) * (kernelShape.get(axis) - 1) - 1)
                                    / stride.get(axis)
                            + 1;
        }
        return new Shape[] {new Shape(out)};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        NDManager scope = input.getManager();
        NDArray w = Scopes.view(parameterStore.getValue(weight, device, training), scope);
        NDArray uArray = parameterStore.getValue(u, device, false);
        NDArray matrix = w.reshape(filters, -1);
        NDArray frozen = matrix.stopGradient();
        NDArray left = Scopes.view(uArray, scope).stopGradient();
        NDArray right = normalize(frozen.transpose().matMul(left));
        if (training) {
            for (int i = 0; i < powerIterations; i++) {
                left = normalize(frozen.matMul(right));
                right = normalize(frozen.transpose().matMul(left));
            }
            uArray.set(new NDIndex(":"), left);
        }
        NDArray sigma = left.dot(matrix.matMul(right));
        NDArray b = bias == null ? null : Scopes.view(parameterStore.getValue(bias, device, training), scope);
        NDArray normalized = w.div(sigma);
        return new NDList(kernels.convolve(input, normalized, b, geometry));
    }

    /** {@inheritDoc} */
    @Override
    public List<KernelVerdict> kernelVerdicts() {
        return kernels.verdicts();
    }

    private NDArray normalize(NDArray vector) {
        return vector.div(Scalars.maximum(vector.norm(), epsilon));
    }

    /**
     * Builds a {@link SpectralNormConv2d}: DJL's own {@link Convolution.ConvolutionBuilder} (the
     * setters of {@code Conv2d.Builder}), with 2-D defaults, power iterations and ganpoet's checks.
     */
    public static final class Builder extends Convolution.ConvolutionBuilder<Builder> {
        private int powerIterations = 1;
        private float epsilon = 1e-12f;

        private Builder() {
            stride = new Shape(1, 1);
            padding = new Shape(0, 0);
            dilation = new Shape(1, 1);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the power iterations per training pass; default 1, as in PyTorch.
         *
         * @param powerIterations at least 1
         * @return this builder
         */
        public Builder optPowerIterations(int powerIterations) {
            this.powerIterations = powerIterations;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public SpectralNormConv2d build() {
            if (kernelShape == null || kernelShape.dimension() != 2) {
                throw new IllegalArgumentException(
                        "SpectralNormConv2d: a 2-D kernel shape is required (setKernelShape)");
            }
            if (filters <= 0) {
                throw new IllegalArgumentException(
                        "SpectralNormConv2d: filters must be positive (setFilters), got " + filters);
            }
            if (groups != 1) {
                throw new IllegalArgumentException(
                        "SpectralNormConv2d: grouped convolutions are not supported (optGroups), got " + groups);
            }
            if (powerIterations < 1) {
                throw new IllegalArgumentException(
                        "SpectralNormConv2d: power iterations must be at least 1, got " + powerIterations);
            }
            return new SpectralNormConv2d(
                    kernelShape, stride, padding, dilation, filters, includeBias, powerIterations, epsilon);
        }
    }
}
