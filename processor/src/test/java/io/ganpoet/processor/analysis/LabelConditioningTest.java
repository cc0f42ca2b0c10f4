package io.ganpoet.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ganpoet.processor.model.ConditioningSpec;
import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DenseBlockSpec;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.MirrorSpec;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.PairKind;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.TensorShape;
import io.ganpoet.spec.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels placed in an analysed pair, without a compiler. */
class LabelConditioningTest {

    private static DiscriminatorSpec conditional(
            int classes, int embedding, List<ConvBlockSpec> convs, List<DenseBlockSpec> denses) {
        return DiscriminatorSpec.of(
                "p",
                "TestDiscriminator",
                3,
                16,
                16,
                32,
                MirrorSpec.generatorDefaults(),
                new ConditioningSpec(classes, embedding),
                convs,
                denses);
    }

    @Test
    void theDcganPairGainsOneLabelLayerOnEachSideAndKeepsItsImageShape() {
        DiscriminatorSpec unconditional = GanAnalysisTest.dcgan();
        PairAnalysis.Plan plain = GanAnalysis.analyse(unconditional);
        DiscriminatorSpec spec = new DiscriminatorSpec(
                unconditional.packageName(),
                unconditional.interfaceName(),
                unconditional.stack(),
                100,
                unconditional.generator(),
                new ConditioningSpec(10, 16));
        PairAnalysis.Plan result = GanAnalysis.analyse(spec);
        assertEquals(List.of(), result.problems());
        Network d = result.stack();
        Network g = result.mirror();
        assertEquals(plain.stack().layers().size() + 1, d.layers().size());
        assertEquals("labelMaps", d.layers().get(0).name());
        assertEquals(TensorShape.of(13, 64, 64), d.layers().get(0).output());
        // conv1 (4×4, 64 filters, no bias) reads 3 + 10 channels: 10·64·16 more weights
        assertEquals(plain.stack().parameters() + 10 * 64 * 16, d.parameters());
        assertEquals(TensorShape.of(3, 64, 64), d.input());
        assertEquals(TensorShape.of(1, 1, 1), d.output());
        assertEquals("labelEmbedding", g.layers().get(0).name());
        assertEquals(List.of(new Op.LabelEmbedding(10, 16)), g.layers().get(0).ops());
        assertEquals(TensorShape.of(116, 1, 1), g.layers().get(0).output());
        // the embedding table (160) and conv5Mirror's 16 more input channels (16·512·4·4)
        assertEquals(plain.mirror().parameters() + 160 + 16 * 512 * 16, g.parameters());
        assertEquals(TensorShape.of(100, 1, 1), g.input());
        assertEquals(TensorShape.of(3, 64, 64), g.output());
    }

    @Test
    void aPatchDiscriminatorsGeneratorBroadcastsTheEmbeddingOverItsLatentMap() {
        List<ConvBlockSpec> convs = List.of(
                GanAnalysisTest.conv(0, 8, 4, 2, 1, false, Activation.LEAKY_RELU),
                GanAnalysisTest.conv(1, 1, 3, 1, 1, false, Activation.NONE));
        PairAnalysis.Plan result = GanAnalysis.analyse(conditional(4, 5, convs, List.of()));
        assertEquals(List.of(), result.problems());
        assertEquals(TensorShape.of(32, 8, 8), result.mirror().input());
        assertEquals(TensorShape.of(37, 8, 8), result.mirror().layers().get(0).output());
        assertEquals(TensorShape.of(3, 16, 16), result.mirror().output());
        assertEquals(TensorShape.of(7, 16, 16), result.stack().layers().get(0).output());
    }

    @Test
    void aDenseOnlyDiscriminatorFlattensTheLabelMapsWithTheImage() {
        List<DenseBlockSpec> denses =
                List.of(new DenseBlockSpec(0, "dense1", 1, Activation.SIGMOID, true, false, 0f, 0.2f));
        PairAnalysis.Plan result = GanAnalysis.analyse(conditional(2, 3, List.of(), denses));
        assertEquals(List.of(), result.problems());
        // (3 + 2)·16·16 inputs to one unit, plus its bias
        assertEquals(5 * 16 * 16 + 1, result.stack().layers().get(1).parameters());
        assertEquals(TensorShape.of(3, 16, 16), result.mirror().output());
    }

    @Test
    void badCountsAreReportedOnTheirAttributeAndNothingIsPlanned() {
        List<ConvBlockSpec> convs = List.of(GanAnalysisTest.conv(0, 1, 16, 1, 0, false, Activation.SIGMOID));
        PairAnalysis.Plan negative = GanAnalysis.analyse(conditional(-1, 16, convs, List.of()));
        assertNull(negative.stack());
        assertEquals(
                List.of(PairKind.GAN.specAt("classes")),
                negative.problems().stream().map(Problem::location).toList());
        PairAnalysis.Plan embedding = GanAnalysis.analyse(conditional(3, -2, convs, List.of()));
        assertEquals(
                List.of(PairKind.GAN.specAt("labelEmbedding")),
                embedding.problems().stream().map(Problem::location).toList());
        // an unconditional spec: neither attribute is read
        assertEquals(
                List.of(),
                GanAnalysis.analyse(conditional(0, 16, convs, List.of())).problems());
    }
}
