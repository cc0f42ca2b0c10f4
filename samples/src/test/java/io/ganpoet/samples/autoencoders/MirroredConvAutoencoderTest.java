package io.ganpoet.samples.autoencoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.samples.autoencoders.MirroredConvAutoencoder.ConvLayer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoder and mirrored decoder shapes: each layer at run time against its table row, and the decoder landing exactly. */
class MirroredConvAutoencoderTest {

    /** Runs the blocks layer by layer and checks each output shape and parameter count against the table. */
    static void assertTablesHold(AutoencoderModel model) {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(m, false);
            Block encoder = model.newEncoder();
            Block decoder = model.newDecoder();
            encoder.initialize(m, DataType.FLOAT32, model.imageShape(2));
            decoder.initialize(m, DataType.FLOAT32, model.latentShape(2));
            NDList x = new NDList(m.randomUniform(0f, 1f, model.imageShape(2)));
            x = walk(m, store, (SequentialBlock) encoder, model.encoderLayers(), x);
            assertEquals(model.variational() ? 2 : 1, x.size());
            assertEquals(model.latentShape(2), x.get(0).getShape(), model.name() + " code");
            NDList y = walk(m, store, (SequentialBlock) decoder, model.decoderLayers(), new NDList(x.get(0)));
            NDArray image = y.singletonOrThrow();
            assertEquals(model.imageShape(2), image.getShape(), model.name() + " decoder output");
            assertTrue(image.min().getFloat() >= 0f && image.max().getFloat() <= 1f, "sigmoid output");
        }
    }

    private static NDList walk(NDManager m, ParameterStore store, SequentialBlock block, List<LayerSummary> table, NDList x) {
        assertEquals(table.size(), block.getChildren().size());
        for (int i = 0; i < table.size(); i++) {
            Block layer = block.getChildren().get(i).getValue();
            x = layer.forward(store, x, false);
            LayerSummary row = table.get(i);
            Shape expected = new Shape(2).addAll(row.outputShape());
            if (x.size() == 2) { // μ and log σ²: the table says (2, latent)
                assertEquals(new Shape(2, row.outputShape().get(1)), x.get(0).getShape(), row.name());
            } else {
                assertEquals(expected, x.singletonOrThrow().getShape(), row.name());
            }
            long params = layer.getParameters().stream().mapToLong(p -> p.getValue().getArray().size()).sum();
            assertEquals(row.parameters(), params, row.name() + " parameters");
        }
        return x;
    }

    @Test
    void theLecturesDecoderLandsExactlyOn1x28x28() {
        AutoencoderModel lecture = AutoencoderModels.lecture();
        assertEquals(new Shape(8, 3, 3), lecture.latentShape()); // 28 → 14 → 7 → 3
        assertTablesHold(lecture);
        assertEquals(List.of("conv3Mirror", "conv2Mirror", "conv1Mirror"),
                lecture.decoderLayers().stream().map(LayerSummary::name).toList());
        assertEquals("Upsample 7×7, ConvTranspose2d 3×3 p1, ReLU", lecture.decoderLayers().get(0).operations());
    }

    @Test
    void theVaeHasTwoHeadsAndAProjection() {
        AutoencoderModel vae = AutoencoderModels.fashionVae();
        assertTrue(vae.variational());
        assertEquals(new Shape(16), vae.latentShape());
        assertTablesHold(vae);
        // heads: 2 · (32·7·7 · 16 + 16); projection: 16 · 1568 + 1568
        assertEquals(2 * (1568 * 16 + 16), vae.encoderLayers().get(2).parameters());
        assertEquals(16 * 1568 + 1568, vae.decoderLayers().get(0).parameters());
    }

    /** Odd sizes: pooling floors 27 → 13 and 31 → 15 with a 5×5 kernel; the mirror lands back on 27×31. */
    @Test
    void oddSizesAndKernelsLandExactly() {
        assertTablesHold(new MirroredConvAutoencoder("Odd", new Shape(3, 27, 31),
                List.of(new ConvLayer(8, 5, 2), new ConvLayer(4, 3, 0)), 0));
        assertTablesHold(new MirroredConvAutoencoder("OddVae", new Shape(1, 29, 17),
                List.of(new ConvLayer(6, 3, 1), new ConvLayer(6, 3, 1), new ConvLayer(5, 2, 0)), 3));
    }

    @Test
    void summaryPrintsBothTables() {
        String summary = AutoencoderModels.lecture().summary();
        assertTrue(summary.startsWith("LectureEncoder (1×28×28 → 8×3×3)\nlayer  operations"), summary);
        assertTrue(summary.contains("\nLectureDecoder (8×3×3 → 1×28×28)\n"), summary);
        assertTrue(summary.contains("conv1Mirror  Upsample 28×28, ConvTranspose2d 3×3 p1, Sigmoid  1×28×28"), summary);
    }
}
