package io.ganpoet.runtime.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>{@link Algorithm#NATIVE}: libtorch's own {@code conv_transpose2d} (oneDNN's kernel on a CPU,
 * cuDNN's on a GPU), which DJL's Java API does not expose; it is reached through a 2 KB TorchScript
 * module shipped with ganpoet-runtime ({@code NativeConvTranspose} says why and how), and
 * libtorch's autograd supplies its backward pass. This requires DJL's PyTorch engine.
 *
 * <p>{@link Algorithm#SUB_PIXEL}: output pixel {@code q} of a stride-{@code s} transposed
 * convolution only ever meets kernel taps {@code kh} with {@code kh ≡ q (mod s)}. Splitting the
 * (flipped) kernel into its {@code s×s} phases gives {@code s²} small kernels of {@code ⌈k/s⌉²}
 * taps that all read the <em>input</em> grid; they become the output channels of one stride-1
 * convolution, whose result a depth-to-space rearrangement interleaves and a crop trims to the
 * exact output. It is built from plain DJL operations, so any engine's autograd differentiates it.
 * For a layer with few output channels (a generator's image layer: 64→3 at stride 2) its one
 * convolution with {@code s²·filters} outputs beats libtorch's transposed kernel (see {@link
 * Algorithm#AUTO}).
 *
 * <p>Both give the same result up to float rounding.
 */
public final class TransposedConv2d extends AbstractBlock {

    private static final byte VERSION = 1;

    /** How the transposed convolution is computed. */
    public enum Algorithm {
        /**
         * Chosen per layer when it is built: {@link #SUB_PIXEL} where it measured faster than
         * libtorch's kernel (a stride above 1 into at most {@link
         * TransposedConv2d#SUB_PIXEL_MAX_FILTERS} output channels), {@link #NATIVE} elsewhere.
         */
        AUTO,
        /** libtorch's {@code conv_transpose2d}, through a TorchScript module. */
        NATIVE,
        /** Phase decomposition: one stride-1 convolution over the input + depth-to-space. */
        SUB_PIXEL
    }

    /**
     * {@link Algorithm#AUTO} uses the sub-pixel lowering for strided layers with at most this many
     * output channels. Measured (bench {@code TransposedConvBenchmark}, batch 64, k4 s2 p1): it
     * beats libtorch's kernel on 64→3 and loses on 128→64, 256→128 and 512→256.
     */
    public static final int SUB_PIXEL_MAX_FILTERS = 16;

    private final Shape kernelShape;
    private final Shape stride;
    private final Shape padding;
    private final Shape outPadding;
    private final Shape dilation;
    private final int filters;
    private final int groups;
    private final boolean includeBias;
    private final Algorithm algorithm;

    private final Parameter weight;
    private final Parameter bias;

    /** Constant 0/1 tap matrices, one per device; see {@link #tapMatrix}. */
    private final Map<Device, NDArray> tapMatrices = new ConcurrentHashMap<>();
    /** The native module's integer arguments, one int64 tensor per device. */
    private final Map<Device, NDArray> nativeArguments = new ConcurrentHashMap<>();

    private TransposedConv2d(Builder builder) {
        super(VERSION);
        kernelShape = builder.kernelShape;
        stride = builder.stride;
        padding = builder.padding;
        outPadding = builder.outPadding;
        dilation = builder.dilation;
        filters = builder.filters;
        groups = builder.groups;
        includeBias = builder.includeBias;
        algorithm = builder.algorithm;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .build());
        bias =
                includeBias
                        ? addParameter(
                                Parameter.builder()
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
            throw new IllegalArgumentException(
                    "TransposedConv2d expects input (N, C, H, W), got " + input);
        }
        long channels = input.get(1);
        if (channels % groups != 0) {
            throw new IllegalArgumentException(
                    "TransposedConv2d: input channels "
                            + channels
                            + " are not divisible by groups "
                            + groups);
        }
        for (int axis = 0; axis < 2; axis++) {
            long out = outputSize(axis, input.get(2 + axis));
            if (out < 1) {
                throw new IllegalArgumentException(
                        "TransposedConv2d: input "
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
        return new Shape[] {
            new Shape(input.get(0), filters, outputSize(0, input.get(2)), outputSize(1, input.get(3)))
        };
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
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        NDArray w = parameterStore.getValue(weight, device, training);
        NDArray b = bias == null ? null : parameterStore.getValue(bias, device, training);
        if (!usesSubPixel()) {
            return new NDList(NativeConvTranspose.apply(input, w, b, nativeArguments(w)));
        }
        NDArray taps = tapMatrix(w);
        NDManager scope = input.getManager();
        w = Scopes.view(w, scope);
        b = b == null ? null : Scopes.view(b, scope);
        return new NDList(subPixel(input, w, b, taps));
    }

    /**
     * Returns whether the forward pass uses the sub-pixel decomposition rather than libtorch's
     * kernel; fixed when the block is built.
     *
     * @return {@code true} for {@link Algorithm#SUB_PIXEL}, or {@link Algorithm#AUTO} with a stride
     *     above 1 and at most {@link #SUB_PIXEL_MAX_FILTERS} filters
     */
    public boolean usesSubPixel() {
        switch (algorithm) {
            case SUB_PIXEL:
                return true;
            case NATIVE:
                return false;
            default:
                return (stride.get(0) > 1 || stride.get(1) > 1) && filters <= SUB_PIXEL_MAX_FILTERS;
        }
    }

    /** The native module's arguments on the weight's device, made once. */
    private NDArray nativeArguments(NDArray weightArray) {
        Device device = weightArray.getDevice();
        NDArray cached = nativeArguments.get(device);
        if (cached != null && !cached.isReleased()) {
            return cached;
        }
        NDArray created =
                NativeConvTranspose.arguments(
                        weightArray.getManager(),
                        new long[] {
                            stride.get(0), stride.get(1),
                            padding.get(0), padding.get(1),
                            outPadding.get(0), outPadding.get(1),
                            groups,
                            dilation.get(0), dilation.get(1),
                            bias == null ? 0 : 1
                        });
        nativeArguments.put(device, created);
        return created;
    }

    /** Sub-pixel: s_h·s_w phase kernels as the output channels of one stride-1 convolution. */
    private NDArray subPixel(NDArray x, NDArray w, NDArray b, NDArray taps) {
        Shape in = x.getShape();
        long n = in.get(0);
        long h = in.get(2);
        long wd = in.get(3);
        long sh = stride.get(0);
        long sw = stride.get(1);
        long th = phaseTaps(0);
        long tw = phaseTaps(1);
        NDArray kernel = convKernel(w, taps, th, tw, sh, sw);
        // Every phase gets the bias, so the convolution adds it and no extra pass is needed.
        NDArray phaseBias = b == null ? null : b.reshape(filters, 1).repeat(1, sh * sw).reshape(-1);

        // Phase row m of the convolution holds output row q = m*s + r (before the crop); rows past
        // the full output carry no taps, but the crop may reach them when outPadding > padding.
        long extraH = extraRows(0, h, th);
        long extraW = extraRows(1, wd, tw);
        NDArray phases;
        if (extraH == 0 && extraW == 0) {
            phases =
                    Conv2d.conv2d(
                                    x,
                                    kernel,
                                    phaseBias,
                                    new Shape(1, 1),
                                    new Shape(th - 1, tw - 1),
                                    new Shape(1, 1),
                                    groups)
                            .singletonOrThrow();
        } else {
            NDArray padded = x.pad(new Shape(tw - 1, tw - 1 + extraW, th - 1, th - 1 + extraH), 0);
            phases =
                    Conv2d.conv2d(
                                    padded,
                                    kernel,
                                    phaseBias,
                                    new Shape(1, 1),
                                    new Shape(0, 0),
                                    new Shape(1, 1),
                                    groups)
                            .singletonOrThrow();
        }
        long mh = phases.getShape().get(2);
        long mw = phases.getShape().get(3);
        // Depth to space: channel (co, rh, rw) at (m_h, m_w) goes to (co, m_h*sh + rh, m_w*sw + rw).
        // The reshape after the transpose is the one copy of the output this lowering makes.
        NDArray interleaved =
                phases.reshape(n, filters, sh, sw, mh, mw)
                        .transpose(0, 1, 4, 2, 5, 3)
                        .reshape(n, filters, mh * sh, mw * sw);
        long outH = outputSize(0, h);
        long outW = outputSize(1, wd);
        long ph = padding.get(0);
        long pw = padding.get(1);
        if (ph == 0 && pw == 0 && outH == mh * sh && outW == mw * sw) {
            return interleaved;
        }
        return interleaved.get(":, :, {}:{}, {}:{}", ph, ph + outH, pw, pw + outW);
    }

    /** Taps per phase on one axis: ⌈(d(k-1)+1) / s⌉. */
    private long phaseTaps(int axis) {
        long span = dilation.get(axis) * (kernelShape.get(axis) - 1) + 1;
        long s = stride.get(axis);
        return (span + s - 1) / s;
    }

    /** Phase rows needed beyond (in + taps - 1) so the crop stays inside the interleaved grid. */
    private long extraRows(int axis, long in, long taps) {
        long s = stride.get(axis);
        long available = (in + taps - 1) * s;
        long needed = padding.get(axis) + outputSize(axis, in);
        return needed <= available ? 0 : (needed - available + s - 1) / s;
    }

    /**
     * The convolution kernel {@code (C_out·sh·sw, C_in/g, th, tw)} from the weight {@code (C_in,
     * C_out/g, kH, kW)}: one multiplication of the weight's taps by the 0/1 tap matrix moves every
     * tap to its phase and flipped position, then in/out channels swap. With groups = 1 the swap
     * is a strided view the convolution reads as it is; no copy of the weight is made.
     */
    private NDArray convKernel(NDArray w, NDArray taps, long th, long tw, long sh, long sw) {
        Shape ws = w.getShape();
        long cin = ws.get(0);
        long coutPerGroup = ws.get(1);
        long cinPerGroup = cin / groups;
        long phaseChannels = coutPerGroup * sh * sw;
        NDArray placed =
                w.reshape(cin * coutPerGroup, ws.get(2) * ws.get(3))
                        .matMul(taps)
                        .reshape(groups, cinPerGroup, phaseChannels, th, tw)
                        .transpose(0, 2, 1, 3, 4);
        return placed.reshape(groups * phaseChannels, cinPerGroup, th, tw);
    }

    /**
     * The 0/1 matrix {@code (kH·kW, sh·sw·th·tw)} taking kernel tap {@code (u, v)} to phase {@code
     * (rh, rw)}, tap {@code (jh, jw)} of the flipped phase kernel. It depends only on the
     * configuration, so it is built once per device, on the manager that owns the weight, rather
     * than uploaded every pass.
     */
    private NDArray tapMatrix(NDArray weightArray) {
        Device device = weightArray.getDevice();
        NDArray cached = tapMatrices.get(device);
        if (cached != null && !cached.isReleased()) {
            return cached;
        }
        long kh = kernelShape.get(0);
        long kw = kernelShape.get(1);
        long sh = stride.get(0);
        long sw = stride.get(1);
        long th = phaseTaps(0);
        long tw = phaseTaps(1);
        long dh = dilation.get(0);
        long dw = dilation.get(1);
        long cols = sh * sw * th * tw;
        float[] matrix = new float[Math.toIntExact(kh * kw * cols)];
        for (long u = 0; u < kh; u++) {
            // Dilated tap position u·d = r + s·(t-1-j): phase r, flipped tap j.
            long rh = (u * dh) % sh;
            long jh = th - 1 - (u * dh) / sh;
            for (long v = 0; v < kw; v++) {
                long rw = (v * dw) % sw;
                long jw = tw - 1 - (v * dw) / sw;
                long col = ((rh * sw + rw) * th + jh) * tw + jw;
                matrix[Math.toIntExact((u * kw + v) * cols + col)] = 1f;
            }
        }
        NDArray created;
        // create() wraps a Java buffer; the converted copy is owned by libtorch.
        try (NDArray wrapped = weightArray.getManager().create(matrix, new Shape(kh * kw, cols))) {
            created = wrapped.toType(weightArray.getDataType(), true);
        }
        tapMatrices.put(device, created);
        return created;
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

    /** Builds a {@link TransposedConv2d}; the surface mirrors DJL's {@code Conv2dTranspose.Builder}. */
    public static final class Builder {
        private Shape kernelShape;
        private Shape stride = new Shape(1, 1);
        private Shape padding = new Shape(0, 0);
        private Shape outPadding = new Shape(0, 0);
        private Shape dilation = new Shape(1, 1);
        private int filters;
        private int groups = 1;
        private boolean includeBias = true;
        private Algorithm algorithm = Algorithm.AUTO;

        private Builder() {}

        /**
         * Sets the <b>required</b> kernel shape {@code (kH, kW)}.
         *
         * @param kernelShape the kernel shape
         * @return this builder
         */
        public Builder setKernelShape(Shape kernelShape) {
            this.kernelShape = kernelShape;
            return this;
        }

        /**
         * Sets the <b>required</b> number of output channels.
         *
         * @param filters the number of output channels
         * @return this builder
         */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /**
         * Sets the stride {@code (sH, sW)}; default {@code (1, 1)}.
         *
         * @param stride the stride
         * @return this builder
         */
        public Builder optStride(Shape stride) {
            this.stride = stride;
            return this;
        }

        /**
         * Sets the padding {@code (pH, pW)} removed from each side of the output; default {@code
         * (0, 0)}.
         *
         * @param padding the padding
         * @return this builder
         */
        public Builder optPadding(Shape padding) {
            this.padding = padding;
            return this;
        }

        /**
         * Sets the extra size {@code (oH, oW)} added to one side of the output; each must be
         * smaller than the stride or the dilation of its axis; default {@code (0, 0)}.
         *
         * @param outPadding the output padding
         * @return this builder
         */
        public Builder optOutPadding(Shape outPadding) {
            this.outPadding = outPadding;
            return this;
        }

        /**
         * Sets the spacing between kernel taps {@code (dH, dW)}; default {@code (1, 1)}.
         *
         * @param dilation the dilation
         * @return this builder
         */
        public Builder optDilation(Shape dilation) {
            this.dilation = dilation;
            return this;
        }

        /**
         * Sets the number of channel groups; input and output channels must divide by it; default
         * 1.
         *
         * @param groups the number of groups
         * @return this builder
         */
        public Builder optGroups(int groups) {
            this.groups = groups;
            return this;
        }

        /**
         * Sets whether the block has a bias; default {@code true}.
         *
         * @param includeBias whether to add a bias
         * @return this builder
         */
        public Builder optBias(boolean includeBias) {
            this.includeBias = includeBias;
            return this;
        }

        /**
         * Chooses how the block computes; default {@link Algorithm#AUTO}. Results are identical
         * up to float rounding; only speed differs.
         *
         * @param algorithm the lowering
         * @return this builder
         */
        public Builder optAlgorithm(Algorithm algorithm) {
            this.algorithm = algorithm;
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
                throw new IllegalArgumentException(
                        "TransposedConv2d: kernel shape is required (setKernelShape)");
            }
            if (filters <= 0) {
                throw new IllegalArgumentException(
                        "TransposedConv2d: filters must be set to a positive number (setFilters), got "
                                + filters);
            }
            requireTwoD("kernel shape", kernelShape, 1);
            requireTwoD("stride", stride, 1);
            requireTwoD("dilation", dilation, 1);
            requireTwoD("padding", padding, 0);
            requireTwoD("output padding", outPadding, 0);
            if (groups < 1) {
                throw new IllegalArgumentException(
                        "TransposedConv2d: groups must be at least 1, got " + groups);
            }
            if (filters % groups != 0) {
                throw new IllegalArgumentException(
                        "TransposedConv2d: filters "
                                + filters
                                + " are not divisible by groups "
                                + groups);
            }
            for (int axis = 0; axis < 2; axis++) {
                long op = outPadding.get(axis);
                if (op >= stride.get(axis) && op >= dilation.get(axis)) {
                    throw new IllegalArgumentException(
                            "TransposedConv2d: output padding "
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
            if (algorithm == null) {
                throw new IllegalArgumentException("TransposedConv2d: algorithm must not be null");
            }
            return new TransposedConv2d(this);
        }

        private static void requireTwoD(String what, Shape shape, long min) {
            if (shape == null || shape.dimension() != 2) {
                throw new IllegalArgumentException(
                        "TransposedConv2d: " + what + " must have 2 dimensions (H, W), got " + shape);
            }
            for (long v : shape.getShape()) {
                if (v < min) {
                    throw new IllegalArgumentException(
                            "TransposedConv2d: "
                                    + what
                                    + " must be at least "
                                    + min
                                    + " in each axis, got "
                                    + shape);
                }
            }
        }
    }
}
