package io.ganpoet.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransposedConv2dTest {

    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** One configuration of the layer and its input. */
    record Case(
            int n,
            int cin,
            int cout,
            int h,
            int w,
            int kh,
            int kw,
            int sh,
            int sw,
            int ph,
            int pw,
            int oph,
            int opw,
            int dh,
            int dw,
            int groups,
            boolean bias) {

        int outH() {
            return (h - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1;
        }

        int outW() {
            return (w - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1;
        }

        TransposedConv2d block() {
            return TransposedConv2d.builder()
                    .setKernelShape(new Shape(kh, kw))
                    .setFilters(cout)
                    .optStride(new Shape(sh, sw))
                    .optPadding(new Shape(ph, pw))
                    .optOutPadding(new Shape(oph, opw))
                    .optDilation(new Shape(dh, dw))
                    .optGroups(groups)
                    .optBias(bias)
                    .build();
        }

        @Override
        public String toString() {
            return String.format(
                    "n%d c%d->%d in%dx%d k%dx%d s%dx%d p%dx%d op%dx%d d%dx%d g%d%s",
                    n, cin, cout, h, w, kh, kw, sh, sw, ph, pw, oph, opw, dh, dw, groups, bias ? " bias" : "");
        }
    }

    /**
     * The definition, as loops: every input pixel scatters weight·x into the output pixel its tap
     * lands on, o = i·s − p + k·d.
     */
    static double[] reference(Case c, double[] x, double[] weight, double[] bias) {
        int outH = c.outH();
        int outW = c.outW();
        int cinG = c.cin / c.groups;
        int coutG = c.cout / c.groups;
        double[] y = new double[c.n * c.cout * outH * outW];
        for (int b = 0; b < c.n; b++) {
            for (int ci = 0; ci < c.cin; ci++) {
                int g = ci / cinG;
                for (int col = 0; col < coutG; col++) {
                    int co = g * coutG + col;
                    for (int i = 0; i < c.h; i++) {
                        for (int j = 0; j < c.w; j++) {
                            double xv = x[((b * c.cin + ci) * c.h + i) * c.w + j];
                            for (int u = 0; u < c.kh; u++) {
                                int oh = i * c.sh - c.ph + u * c.dh;
                                if (oh < 0 || oh >= outH) {
                                    continue;
                                }
                                for (int v = 0; v < c.kw; v++) {
                                    int ow = j * c.sw - c.pw + v * c.dw;
                                    if (ow < 0 || ow >= outW) {
                                        continue;
                                    }
                                    double wv = weight[((ci * coutG + col) * c.kh + u) * c.kw + v];
                                    y[((b * c.cout + co) * outH + oh) * outW + ow] += xv * wv;
                                }
                            }
                        }
                    }
                }
            }
        }
        if (bias != null) {
            for (int b = 0; b < c.n; b++) {
                for (int co = 0; co < c.cout; co++) {
                    for (int p = 0; p < outH * outW; p++) {
                        y[(b * c.cout + co) * outH * outW + p] += bias[co];
                    }
                }
            }
        }
        return y;
    }

    static Stream<Arguments> grid() {
        List<Case> cases = new ArrayList<>();
        // Every kernel size 1..7 against every stride 1..4, with and without padding.
        for (int k = 1; k <= 7; k++) {
            for (int s = 1; s <= 4; s++) {
                // As much padding as a 3-pixel input allows: out = 2s - 2p + k - 1 + op + 1 ≥ 1.
                int p = Math.min((2 * s + k - 1) / 2, 1 + (k + s) % 3);
                cases.add(new Case(2, 3, 2, 3, 4, k, k, s, s, 0, 0, 0, 0, 1, 1, 1, true));
                cases.add(new Case(1, 2, 3, 4, 3, k, k, s, s, p, p, s - 1, 0, 1, 1, 1, false));
            }
        }
        // Non-square kernels, strides, paddings; output padding below the stride; dilation.
        cases.add(new Case(2, 3, 4, 5, 3, 3, 5, 2, 3, 1, 2, 1, 2, 1, 1, 1, true));
        cases.add(new Case(2, 2, 2, 4, 6, 4, 2, 3, 1, 1, 0, 2, 0, 1, 1, 1, true));
        cases.add(new Case(1, 2, 3, 3, 3, 3, 3, 2, 2, 1, 1, 0, 1, 2, 2, 1, true));
        cases.add(new Case(2, 3, 2, 4, 5, 3, 2, 1, 2, 2, 0, 1, 1, 2, 3, 1, true));
        cases.add(new Case(1, 2, 2, 5, 4, 2, 3, 3, 2, 0, 1, 0, 0, 3, 2, 1, false));
        // Output padding below the dilation but not below the stride.
        cases.add(new Case(1, 2, 2, 3, 3, 3, 3, 1, 1, 0, 0, 1, 2, 2, 3, 1, true));
        // Groups, including depthwise.
        cases.add(new Case(2, 4, 6, 4, 4, 4, 4, 2, 2, 1, 1, 0, 0, 1, 1, 2, true));
        cases.add(new Case(1, 6, 3, 3, 5, 3, 3, 3, 2, 1, 1, 2, 1, 1, 1, 3, true));
        cases.add(new Case(2, 4, 4, 3, 3, 5, 3, 2, 2, 2, 1, 1, 0, 2, 1, 4, false));
        // Large padding that crops most of the full output; DCGAN's first and last layers.
        cases.add(new Case(1, 2, 2, 6, 6, 5, 5, 2, 2, 4, 3, 1, 0, 1, 1, 1, true));
        cases.add(new Case(3, 8, 4, 1, 1, 4, 4, 1, 1, 0, 0, 0, 0, 1, 1, 1, false));
        cases.add(new Case(2, 4, 3, 8, 8, 4, 4, 2, 2, 1, 1, 0, 0, 1, 1, 1, false));
        List<Arguments> args = new ArrayList<>();
        for (Case c : cases) {
            args.add(Arguments.of(c));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grid")
    void forwardMatchesDefinition(Case c) {
        try (NDManager m = manager.newSubManager()) {
            Random random = new Random(c.hashCode());
            double[] x = randoms(random, c.n * c.cin * c.h * c.w);
            double[] weight = randoms(random, c.cin * (c.cout / c.groups) * c.kh * c.kw);
            double[] bias = c.bias ? randoms(random, c.cout) : null;

            TransposedConv2d block = c.block();
            Shape inputShape = new Shape(c.n, c.cin, c.h, c.w);
            block.initialize(m, DataType.FLOAT32, inputShape);
            Parameter wp = block.getParameters().get("weight");
            assertEquals(
                    new Shape(c.cin, c.cout / c.groups, c.kh, c.kw),
                    wp.getArray().getShape());
            wp.getArray().set(toFloats(weight));
            if (c.bias) {
                block.getParameters().get("bias").getArray().set(toFloats(bias));
            }
            NDArray input = m.create(toFloats(x), inputShape);
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(input), false)
                    .singletonOrThrow();

            Shape expected = new Shape(c.n, c.cout, c.outH(), c.outW());
            assertEquals(expected, out.getShape(), "output shape");
            assertEquals(expected, block.getOutputShapes(new Shape[] {inputShape})[0]);
            assertClose(reference(c, x, weight, bias), out.toFloatArray(), 1e-4, c.toString());
        }
    }

    static Stream<Arguments> gradientCases() {
        List<Arguments> args = new ArrayList<>();
        Case[] cases = {
            new Case(2, 3, 2, 3, 4, 4, 4, 2, 2, 1, 1, 0, 0, 1, 1, 1, true),
            new Case(1, 4, 2, 3, 3, 3, 2, 3, 2, 1, 0, 2, 1, 1, 1, 2, true),
            new Case(2, 2, 3, 4, 3, 3, 3, 2, 1, 0, 1, 1, 0, 2, 1, 1, true),
            new Case(1, 2, 2, 5, 5, 5, 5, 1, 1, 2, 2, 0, 0, 1, 1, 1, true),
        };
        for (Case c : cases) {
            args.add(Arguments.of(c));
        }
        return args.stream();
    }

    /**
     * The input gradient of a transposed convolution is the adjoint: an ordinary convolution of the
     * output gradient with the same weight, stride, padding, dilation and groups.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    void inputGradientIsTheAdjointConvolution(Case c) {
        try (NDManager m = manager.newSubManager()) {
            TransposedConv2d block = c.block();
            Shape inputShape = new Shape(c.n, c.cin, c.h, c.w);
            block.initialize(m, DataType.FLOAT64, inputShape);
            NDArray input = m.randomNormal(inputShape, DataType.FLOAT64);
            NDArray upstream = m.randomNormal(new Shape(c.n, c.cout, c.outH(), c.outW()), DataType.FLOAT64);
            input.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = block.forward(new ParameterStore(m, false), new NDList(input), true)
                        .singletonOrThrow();
                gc.backward(out.mul(upstream).sum());
            }
            NDArray weight = block.getParameters().get("weight").getArray();
            NDArray adjoint = Conv2d.conv2d(
                            upstream,
                            weight,
                            null,
                            new Shape(c.sh, c.sw),
                            new Shape(c.ph, c.pw),
                            new Shape(c.dh, c.dw),
                            c.groups)
                    .singletonOrThrow();
            assertEquals(inputShape, adjoint.getShape());
            assertClose(
                    adjoint.toType(DataType.FLOAT64, false).toDoubleArray(),
                    input.getGradient().toDoubleArray(),
                    1e-9,
                    c.toString());
        }
    }

    /** Weight and bias gradients against central finite differences of the loss, in float64. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    void parameterGradientsMatchFiniteDifferences(Case c) {
        try (NDManager m = manager.newSubManager()) {
            TransposedConv2d block = c.block();
            Shape inputShape = new Shape(c.n, c.cin, c.h, c.w);
            block.initialize(m, DataType.FLOAT64, inputShape);
            NDArray input = m.randomNormal(inputShape, DataType.FLOAT64);
            NDArray upstream = m.randomNormal(new Shape(c.n, c.cout, c.outH(), c.outW()), DataType.FLOAT64);
            ParameterStore ps = new ParameterStore(m, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = block.forward(ps, new NDList(input), true).singletonOrThrow();
                gc.backward(out.mul(upstream).sum());
            }
            for (String name : new String[] {"weight", "bias"}) {
                NDArray param = block.getParameters().get(name).getArray();
                double[] analytic = param.getGradient().toDoubleArray();
                double[] values = param.toDoubleArray();
                double eps = 1e-6;
                for (int i = 0; i < values.length; i++) {
                    double saved = values[i];
                    values[i] = saved + eps;
                    param.set(values);
                    double plus = loss(block, ps, input, upstream);
                    values[i] = saved - eps;
                    param.set(values);
                    double minus = loss(block, ps, input, upstream);
                    values[i] = saved;
                    param.set(values);
                    double numeric = (plus - minus) / (2 * eps);
                    assertEquals(
                            numeric,
                            analytic[i],
                            1e-6 * Math.max(1, Math.abs(numeric)),
                            c + " d" + name + "[" + i + "]");
                }
            }
        }
    }

    private static double loss(TransposedConv2d block, ParameterStore ps, NDArray input, NDArray upstream) {
        NDArray out = block.forward(ps, new NDList(input), false).singletonOrThrow();
        return out.mul(upstream).sum().getDouble();
    }

    @Test
    void rejectsMissingKernel() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TransposedConv2d.builder().setFilters(4).build());
        assertTrue(e.getMessage().contains("kernel shape is required"), e.getMessage());
    }

    @Test
    void rejectsMissingFilters() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TransposedConv2d.builder().setKernelShape(new Shape(3, 3)).build());
        assertTrue(e.getMessage().contains("filters must be set"), e.getMessage());
    }

    @Test
    void rejectsOutputPaddingNotBelowStrideOrDilation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransposedConv2d.builder()
                .setKernelShape(new Shape(4, 4))
                .setFilters(4)
                .optStride(new Shape(2, 2))
                .optOutPadding(new Shape(0, 2))
                .build());
        assertEquals(
                "TransposedConv2d: output padding 2 on axis W must be smaller than the stride (2)"
                        + " or the dilation (1)",
                e.getMessage());
    }

    @Test
    void rejectsFiltersNotDivisibleByGroups() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransposedConv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(5)
                .optGroups(2)
                .build());
        assertEquals("TransposedConv2d: filters 5 are not divisible by groups 2", e.getMessage());
    }

    @Test
    void rejectsInputChannelsNotDivisibleByGroupsAtInitialize() {
        TransposedConv2d block = TransposedConv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(4)
                .optGroups(2)
                .build();
        try (NDManager m = manager.newSubManager()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 4, 4)));
            assertEquals("TransposedConv2d: input channels 3 are not divisible by groups 2", e.getMessage());
        }
    }

    @Test
    void rejectsPaddingThatLeavesNoOutput() {
        TransposedConv2d block = TransposedConv2d.builder()
                .setKernelShape(new Shape(1, 1))
                .setFilters(1)
                .optPadding(new Shape(1, 0))
                .build();
        try (NDManager m = manager.newSubManager()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 2, 2)));
            assertTrue(e.getMessage().contains("output size 0 on axis H"), e.getMessage());
        }
    }

    @Test
    void rejectsNonPositiveStride() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransposedConv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(2)
                .optStride(new Shape(0, 1))
                .build());
        assertTrue(e.getMessage().contains("stride must be at least 1"), e.getMessage());
    }

    @Test
    void savesAndLoadsParameters() throws Exception {
        Case c = new Case(1, 3, 2, 3, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, true);
        try (NDManager m = manager.newSubManager()) {
            Shape inputShape = new Shape(c.n, c.cin, c.h, c.w);
            TransposedConv2d a = c.block();
            a.initialize(m, DataType.FLOAT32, inputShape);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            a.saveParameters(new java.io.DataOutputStream(bytes));
            TransposedConv2d b = c.block();
            b.initialize(m, DataType.FLOAT32, inputShape);
            b.loadParameters(m, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
            NDArray input = m.randomNormal(inputShape);
            ParameterStore ps = new ParameterStore(m, false);
            assertArrayEquals(
                    a.forward(ps, new NDList(input), false).singletonOrThrow().toFloatArray(),
                    b.forward(ps, new NDList(input), false).singletonOrThrow().toFloatArray());
        }
    }

    private static double[] randoms(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static void assertClose(double[] expected, float[] actual, double tol, String what) {
        double[] widened = toDoubles(actual);
        assertClose(expected, widened, tol, what);
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            if (Math.abs(expected[i] - actual[i]) > tol * scale) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " got " + actual[i]);
            }
        }
    }
}
