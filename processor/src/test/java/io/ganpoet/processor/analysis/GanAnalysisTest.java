package io.ganpoet.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DenseBlockSpec;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.MirrorSpec;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.TensorShape;
import io.ganpoet.spec.Activation;
import io.ganpoet.spec.Generator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape analysis and the mirror, without a compiler. */
class GanAnalysisTest {

    static ConvBlockSpec conv(int index, int filters, int kernel, int stride, int padding, boolean bn, Activation act) {
        return new ConvBlockSpec(
                index, "conv" + (index + 1), filters, kernel, stride, padding, 1, !bn, bn, act, 0.2f, 0, 0f, false);
    }

    static DiscriminatorSpec spec(int c, int h, int w, List<ConvBlockSpec> convs, List<DenseBlockSpec> denses) {
        return DiscriminatorSpec.of(
                "p", "TestDiscriminator", c, h, w, 100, MirrorSpec.generatorDefaults(), convs, denses);
    }

    static DiscriminatorSpec dcgan() {
        List<ConvBlockSpec> convs = new ArrayList<>();
        int[] filters = {64, 128, 256, 512};
        for (int i = 0; i < 4; i++) {
            convs.add(new ConvBlockSpec(
                    i,
                    "conv" + (i + 1),
                    filters[i],
                    4,
                    2,
                    1,
                    1,
                    false,
                    i > 0,
                    Activation.LEAKY_RELU,
                    0.2f,
                    0,
                    0f,
                    false));
        }
        convs.add(new ConvBlockSpec(4, "conv5", 1, 4, 1, 0, 1, false, false, Activation.SIGMOID, 0.2f, 0, 0f, false));
        return spec(3, 64, 64, convs, List.of());
    }

    @Test
    void dcganTutorialParameterCounts() {
        PairAnalysis.Plan result = GanAnalysis.analyse(dcgan());
        assertEquals(List.of(), result.problems());
        Network d = result.stack();
        assertEquals(2_765_568L, d.parameters());
        assertEquals(TensorShape.of(1, 1, 1), d.output());
        Network g = GanAnalysis.analyse(dcgan()).mirror();
        assertEquals(3_576_704L, g.parameters());
        assertEquals(TensorShape.of(100, 1, 1), g.input());
        assertEquals(TensorShape.of(3, 64, 64), g.output());
        assertTrue(Mirror.endsInSigmoid(d));
    }

    @Test
    void mirrorOfTheDcganDiscriminatorIsTheTutorialGenerator() {
        Network g = GanAnalysis.analyse(dcgan()).mirror();
        List<String> layers = g.layers().stream()
                .map(l -> l.name() + ": " + l.describe() + " -> " + l.output().ascii())
                .toList();
        assertEquals(
                List.of(
                        "conv5Mirror: ConvT2d 4x4 s1 p0, BatchNorm, ReLU -> 512x4x4",
                        "conv4Mirror: ConvT2d 4x4 s2 p1, BatchNorm, ReLU -> 256x8x8",
                        "conv3Mirror: ConvT2d 4x4 s2 p1, BatchNorm, ReLU -> 128x16x16",
                        "conv2Mirror: ConvT2d 4x4 s2 p1, BatchNorm, ReLU -> 64x32x32",
                        "conv1Mirror: ConvT2d 4x4 s2 p1, Tanh -> 3x64x64"),
                layers);
    }

    @Test
    void oddSizesGetOutputPaddingPerAxis() {
        // 1×28×27: k4 s2 p1 → 14×13 → k3 s2 p0 → 6×6; the mirror needs output padding 1 on each.
        DiscriminatorSpec spec = spec(
                1,
                28,
                27,
                List.of(
                        conv(0, 8, 4, 2, 1, false, Activation.LEAKY_RELU),
                        conv(1, 1, 3, 2, 0, false, Activation.SIGMOID)),
                List.of());
        Network d = GanAnalysis.analyse(spec).stack();
        assertEquals(TensorShape.of(8, 14, 13), d.layers().get(0).output());
        assertEquals(TensorShape.of(1, 6, 6), d.output());
        Network g = GanAnalysis.analyse(spec).mirror();
        assertEquals(TensorShape.of(100, 6, 6), g.input(), "a patch discriminator's generator takes a latent map");
        Op.Deconv first = (Op.Deconv) g.layers().get(0).ops().get(0);
        // (6 − 1)·2 + 3 = 13: one short of 14 rows, exactly 13 columns.
        assertEquals(1, first.outPaddingH());
        assertEquals(0, first.outPaddingW());
        assertEquals(TensorShape.of(8, 14, 13), g.layers().get(0).output());
        Op.Deconv last = (Op.Deconv) g.layers().get(1).ops().get(0);
        assertEquals(TensorShape.of(1, 28, 27), g.output());
        assertEquals(0, last.outPaddingH());
        assertEquals(1, last.outPaddingW());
    }

    @Test
    void valueErrorsAreAllReportedAndStopTheShapeWalk() {
        DiscriminatorSpec spec = spec(
                1,
                8,
                8,
                List.of(
                        new ConvBlockSpec(0, "conv1", 0, 3, 1, -1, 1, true, false, Activation.RELU, 0.2f, 0, 2f, false),
                        new ConvBlockSpec(
                                1, "conv2", 1, 0, 1, 0, 0, true, false, Activation.SIGMOID, 0.2f, 0, 0f, false)),
                List.of());
        PairAnalysis.Plan result = GanAnalysis.analyse(spec);
        assertNull(result.stack());
        List<String> messages = result.problems().stream().map(Problem::message).toList();
        assertEquals(
                List.of(
                        "conv1: filters must be positive, got 0",
                        "conv1: padding must not be negative, got -1",
                        "conv1: dropout must be in [0, 1), got 2 (it is the fraction of activations dropped)",
                        "conv2: kernel must be positive, got 0",
                        "conv2: dilation must be positive, got 0"),
                messages);
        assertEquals(Location.conv(0, "filters"), result.problems().get(0).location());
        assertEquals(Location.conv(1, "dilation"), result.problems().get(4).location());
    }

    @Test
    void denseHeadMirrorsIntoAProjectionAndAReshape() {
        DiscriminatorSpec spec = spec(
                1,
                12,
                12,
                List.of(conv(0, 4, 4, 2, 1, false, Activation.LEAKY_RELU)),
                List.of(
                        new DenseBlockSpec(0, "dense1", 32, Activation.LEAKY_RELU, true, false, 0.3f, 0.2f),
                        new DenseBlockSpec(1, "dense2", 1, Activation.NONE, true, false, 0f, 0.2f)));
        PairAnalysis.Plan result = GanAnalysis.analyse(spec);
        assertEquals(List.of(), result.problems());
        Network d = result.stack();
        assertEquals(TensorShape.of(1), d.output());
        assertFalse(Mirror.endsInSigmoid(d));
        Network g = GanAnalysis.analyse(spec).mirror();
        assertEquals(TensorShape.of(100, 1, 1), g.input());
        List<Layer> layers = g.layers();
        assertEquals("Flatten, Linear 32, BatchNorm, ReLU", layers.get(0).describe());
        assertEquals("Linear 144, BatchNorm, ReLU, Reshape 4x6x6", layers.get(1).describe());
        assertEquals(TensorShape.of(1, 12, 12), g.output());
    }

    @Test
    void poolIsMirroredByUpsamplingToTheExactSize() {
        // 1×15×15 → conv k2 → 14×14... use 7×7 maps: pool 2 drops a row; upsample returns 7×7.
        ConvBlockSpec pooled =
                new ConvBlockSpec(0, "conv1", 4, 3, 1, 1, 1, true, false, Activation.RELU, 0.2f, 2, 0f, false);
        DiscriminatorSpec spec =
                spec(1, 7, 7, List.of(pooled, conv(1, 1, 3, 1, 0, false, Activation.SIGMOID)), List.of());
        PairAnalysis.Plan result = GanAnalysis.analyse(spec);
        // The pool drops the map's last row, but its pixels are read through row 5: nothing to say.
        assertEquals(List.of(), result.problems());
        Network g = result.mirror();
        assertEquals("Upsample 7x7, ConvT2d 3x3 s1 p1, Tanh", g.layers().get(1).describe());
        assertEquals(TensorShape.of(1, 7, 7), g.output());
    }

    @Test
    void batchNormPolicies() {
        DiscriminatorSpec base = dcgan();
        Network d = GanAnalysis.analyse(base).stack();
        for (Generator.BatchNormPolicy policy : Generator.BatchNormPolicy.values()) {
            MirrorSpec g = new MirrorSpec("", Activation.RELU, Activation.TANH, 0.2f, policy, false);
            DiscriminatorSpec spec = DiscriminatorSpec.of(
                    "p",
                    "TestDiscriminator",
                    3,
                    64,
                    64,
                    100,
                    g,
                    base.stack().convBlocks(),
                    base.stack().denseBlocks());
            List<Boolean> norms = GanAnalysis.analyse(spec).mirror().layers().stream()
                    .map(l -> l.ops().stream().anyMatch(op -> op instanceof Op.BatchNorm))
                    .toList();
            switch (policy) {
                case ALL_BUT_OUTPUT -> assertEquals(List.of(true, true, true, true, false), norms);
                case MIRROR -> assertEquals(List.of(false, true, true, true, false), norms);
                case NONE -> assertEquals(List.of(false, false, false, false, false), norms);
            }
        }
    }
}
