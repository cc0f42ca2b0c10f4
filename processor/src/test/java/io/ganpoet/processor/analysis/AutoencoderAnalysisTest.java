package io.ganpoet.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DenseBlockSpec;
import io.ganpoet.processor.model.EncoderSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.MirrorSpec;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.PairKind;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.TensorShape;
import io.ganpoet.spec.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The autoencoder analysis and its mirror, without a compiler. */
class AutoencoderAnalysisTest {

    private static ConvBlockSpec pooled(int index, int filters, int kernel, int padding) {
        return new ConvBlockSpec(
                index,
                "conv" + (index + 1),
                filters,
                kernel,
                1,
                padding,
                1,
                true,
                false,
                Activation.RELU,
                0.2f,
                2,
                0f,
                false);
    }

    private static EncoderSpec spec(
            int c,
            int h,
            int w,
            boolean variational,
            int latent,
            List<ConvBlockSpec> convs,
            List<DenseBlockSpec> denses) {
        return EncoderSpec.of(
                "p", "TestEncoder", c, h, w, variational, latent, MirrorSpec.decoderDefaults(), convs, denses);
    }

    private static List<ConvBlockSpec> lecture() {
        return List.of(pooled(0, 32, 3, 1), pooled(1, 16, 3, 1), pooled(2, 8, 3, 1));
    }

    @Test
    void theLecturesDecoderStartsFromTheCodeAndLandsOnTheImage() {
        PairAnalysis.Plan result = AutoencoderAnalysis.analyse(spec(1, 28, 28, false, 0, lecture(), List.of()));
        assertEquals(List.of(), result.problems());
        assertEquals(TensorShape.of(8, 3, 3), result.stack().output());
        Network decoder = result.mirror();
        assertEquals("TestDecoderBlock", decoder.className());
        assertEquals(TensorShape.of(8, 3, 3), decoder.input());
        assertEquals(
                List.of(TensorShape.of(16, 7, 7), TensorShape.of(32, 14, 14), TensorShape.of(1, 28, 28)),
                decoder.layers().stream().map(Layer::output).toList());
        // SIGMOID last, batch norm on all but the output (the @Decoder defaults)
        assertTrue(Mirror.endsInSigmoid(decoder));
        assertTrue(decoder.layers().get(0).ops().contains(new Op.BatchNorm()));
        assertTrue(!decoder.layers().get(2).ops().contains(new Op.BatchNorm()));
    }

    @Test
    void aVaeEndsInHeadsAndItsDecoderProjectsTheLatent() {
        PairAnalysis.Plan result = AutoencoderAnalysis.analyse(spec(1, 28, 28, true, 16, lecture(), List.of()));
        assertEquals(List.of(), result.problems());
        Layer heads = result.stack().layers().get(3);
        assertEquals(EncoderSpec.HEADS, heads.name());
        assertEquals("", heads.mirrors()); // an encoder layer: its table has no mirrors column
        assertEquals(List.of(new Op.GaussianHeads(16)), heads.ops());
        assertEquals(2L * (72 * 16 + 16), heads.parameters());
        assertEquals(TensorShape.of(16), result.latentShape());
        Layer projection = result.mirror().layers().get(0);
        assertEquals(new Op.Linear(72, false), projection.ops().get(0));
        assertEquals(TensorShape.of(8, 3, 3), projection.output());
        assertEquals(TensorShape.of(1, 28, 28), result.mirror().output());
    }

    @Test
    void latentRulesAreErrorsOnTheLatentAttribute() {
        for (EncoderSpec spec : List.of(
                spec(1, 8, 8, true, 0, List.of(pooled(0, 4, 3, 1)), List.of()),
                spec(1, 8, 8, true, -2, List.of(pooled(0, 4, 3, 1)), List.of()),
                spec(1, 8, 8, false, 5, List.of(pooled(0, 4, 3, 1)), List.of()))) {
            PairAnalysis.Plan result = AutoencoderAnalysis.analyse(spec);
            assertNull(result.mirror());
            List<Problem> errors =
                    result.problems().stream().filter(Problem::isError).toList();
            assertEquals(1, errors.size(), errors.toString());
            assertEquals(PairKind.AUTOENCODER.specAt("latent"), errors.get(0).location());
        }
    }
}
