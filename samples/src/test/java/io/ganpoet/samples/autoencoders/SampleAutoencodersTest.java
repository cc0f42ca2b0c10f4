package io.ganpoet.samples.autoencoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.LayeredBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample autoencoders, generated from their {@code @Encoder} specs: each layer at run time
 * against its table row, parameter counts, and the decoder landing exactly on the image.
 */
class SampleAutoencodersTest {

    /** Runs the blocks layer by layer and checks each output shape and the parameter counts against the tables. */
    static void assertTablesHold(AutoencoderModel model) {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(m, false);
            LayeredBlock encoder = (LayeredBlock) model.newEncoder();
            LayeredBlock decoder = (LayeredBlock) model.newDecoder();
            encoder.initialize(m, DataType.FLOAT32, model.imageShape(2));
            decoder.initialize(m, DataType.FLOAT32, model.latentShape(2));
            NDArray x = m.randomUniform(0f, 1f, model.imageShape(2));
            walk(store, encoder, model.encoderLayers(), x);
            NDList code = encoder.forward(store, new NDList(x), false);
            assertEquals(model.variational() ? 2 : 1, code.size());
            assertEquals(model.latentShape(2), code.get(0).getShape(), model.name() + " code");
            walk(store, decoder, model.decoderLayers(), code.get(0));
            NDArray image =
                    decoder.forward(store, new NDList(code.get(0)), false).singletonOrThrow();
            assertEquals(model.imageShape(2), image.getShape(), model.name() + " decoder output");
            assertTrue(image.min().getFloat() >= 0f && image.max().getFloat() <= 1f, "sigmoid output");
            assertEquals(total(model.encoderLayers()), parameters(encoder), "encoder parameters");
            assertEquals(total(model.decoderLayers()), parameters(decoder), "decoder parameters");
        }
    }

    private static void walk(ParameterStore store, LayeredBlock block, List<LayerSummary> table, NDArray x) {
        assertEquals(table.size(), block.layerCount());
        for (int k = 1; k <= table.size(); k++) {
            LayerSummary row = table.get(k - 1);
            assertEquals(
                    new Shape(2).addAll(row.outputShape()),
                    block.forwardLayers(store, x, false, k).getShape(),
                    row.name());
        }
    }

    private static long total(List<LayerSummary> table) {
        return table.stream().mapToLong(LayerSummary::parameters).sum();
    }

    private static long parameters(LayeredBlock block) {
        return block.getParameters().stream()
                .mapToLong(p -> p.getValue().getArray().size())
                .sum();
    }

    @Test
    void theLecturesDecoderLandsExactlyOn1x28x28() {
        AutoencoderModel lecture = AutoencoderModels.lecture();
        assertEquals("Lecture", lecture.name());
        assertEquals(new Shape(1, 28, 28), lecture.imageShape());
        assertEquals(new Shape(8, 3, 3), lecture.latentShape()); // 28 → 14 → 7 → 3
        assertTablesHold(lecture);
        assertEquals(
                List.of("conv3Mirror", "conv2Mirror", "conv1Mirror"),
                lecture.decoderLayers().stream().map(LayerSummary::name).toList());
        assertEquals(new Shape(1, 28, 28), lecture.decoderLayers().get(2).outputShape());
        assertEquals(
                "Upsample 7x7, ConvT2d 3x3 s1 p1, ReLU",
                lecture.decoderLayers().get(0).operations());
        // the lecture's model: 1·32·9 + 32, 32·16·9 + 16, 16·8·9 + 8 each way
        assertEquals(320 + 4624 + 1160, total(lecture.encoderLayers()));
        assertEquals(1168 + 4640 + 289, total(lecture.decoderLayers())); // 8·16·9 + 16, 16·32·9 + 32, 32·1·9 + 1
    }

    @Test
    void theVaeHasTwoHeadsAndAProjection() {
        AutoencoderModel vae = AutoencoderModels.fashionVae();
        assertTrue(vae.variational());
        assertEquals("FashionVae", vae.name());
        assertEquals(new Shape(6), vae.latentShape());
        assertTablesHold(vae);
        // conv 1→16, 16→32 (4×4), dense 32·7·7 → 128, heads 2 · (128 · 6 + 6)
        assertEquals(1 * 16 * 16 + 16, vae.encoderLayers().get(0).parameters());
        assertEquals(16 * 32 * 16 + 32, vae.encoderLayers().get(1).parameters());
        assertEquals(1568 * 128 + 128, vae.encoderLayers().get(2).parameters());
        assertEquals(2 * (128 * 6 + 6), vae.encoderLayers().get(3).parameters());
        // the decoder mirrors it: 6 → 128, 128 → 32×7×7, then transposed convolutions to 1×28×28
        assertEquals(6 * 128 + 128, vae.decoderLayers().get(0).parameters());
        assertEquals(128 * 1568 + 1568, vae.decoderLayers().get(1).parameters());
        assertEquals(new Shape(32, 7, 7), vae.decoderLayers().get(1).outputShape());
        assertEquals(new Shape(16, 14, 14), vae.decoderLayers().get(2).outputShape());
        assertEquals(new Shape(1, 28, 28), vae.decoderLayers().get(3).outputShape());
    }

    @Test
    void summaryPrintsBothTables() {
        String summary = AutoencoderModels.lecture().summary();
        assertTrue(summary.startsWith("Encoder LectureEncoderBlock (1x28x28 to 8x3x3)\nlayer  operations"), summary);
        assertTrue(summary.contains("\nDecoder LectureDecoderBlock (8x3x3 to 1x28x28)\n"), summary);
        assertTrue(
                summary.contains("conv1Mirror  conv1    Upsample 28x28, ConvT2d 3x3 s1 p1, Sigmoid  1x28x28"), summary);
    }
}
