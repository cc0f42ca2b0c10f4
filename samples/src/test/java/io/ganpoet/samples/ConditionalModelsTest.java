package io.ganpoet.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.LayeredBlock;
import io.ganpoet.runtime.nn.LogitsBlock;
import io.ganpoet.samples.specs.FashionConditionalDiscriminatorBlock;
import io.ganpoet.samples.specs.FashionConditionalGan;
import io.ganpoet.samples.specs.FashionConditionalGeneratorBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conditional Fashion pairs: the one generated from {@code classes = 10} and the hand-written
 * projection one. Label shapes through both networks, labels that change the outputs, and tables
 * that match the blocks.
 */
class ConditionalModelsTest {

    @Test
    void labelsGoThroughBothNetworksAndTheTablesCountTheParameters() {
        for (GanModel gan : List.<GanModel>of(new FashionConditionalGan(), new FashionProjectionGan())) {
            assertEquals(10, gan.classes());
            try (NDManager m = NDManager.newBaseManager()) {
                Block g = gan.newGenerator();
                Block d = gan.newDiscriminator();
                g.initialize(m, DataType.FLOAT32, gan.generatorInputShapes(3));
                d.initialize(m, DataType.FLOAT32, gan.discriminatorInputShapes(3));
                ParameterStore ps = new ParameterStore(m, false);
                NDArray labels = m.create(new int[] {0, 7, 9});
                NDArray images = g.forward(ps, new NDList(m.randomNormal(gan.latentShape(3)), labels), false)
                        .singletonOrThrow();
                assertEquals(new Shape(3, 1, 28, 28), images.getShape());
                NDArray scores =
                        d.forward(ps, new NDList(images, labels), false).singletonOrThrow();
                assertEquals(new Shape(3, 1, 1, 1), scores.getShape());
                assertEquals(total(gan.generatorLayers()), trainable(g), gan.name() + " generator");
                assertEquals(total(gan.discriminatorLayers()), trainable(d), gan.name() + " discriminator");
            }
        }
    }

    @Test
    void everyGeneratedLayerHasItsTablesShape() {
        FashionConditionalGan gan = new FashionConditionalGan();
        try (NDManager m = NDManager.newBaseManager()) {
            LayeredBlock g = new FashionConditionalGeneratorBlock();
            LayeredBlock d = new FashionConditionalDiscriminatorBlock();
            g.initialize(m, DataType.FLOAT32, gan.generatorInputShapes(2));
            d.initialize(m, DataType.FLOAT32, gan.discriminatorInputShapes(2));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray labels = m.create(new int[] {3, 4});
            NDList gIn = new NDList(m.randomNormal(gan.latentShape(2)), labels);
            NDList dIn = new NDList(m.randomNormal(gan.imageShape(2)), labels);
            // layer 1 is the label join: 64 + 16 channels, 1 + 10 channels
            assertEquals(
                    new Shape(2, 80, 1, 1), g.forwardLayers(ps, gIn, false, 1).getShape());
            assertEquals(
                    new Shape(2, 11, 28, 28), d.forwardLayers(ps, dIn, false, 1).getShape());
            checkShapes(g, ps, gIn, gan.generatorLayers());
            checkShapes(d, ps, dIn, gan.discriminatorLayers());
            // the ten maps are one-hot: sample 0's map 3 (channel 1 + 3) is all ones, its others zeros
            NDArray maps = d.forwardLayers(ps, dIn, false, 1);
            assertEquals(28 * 28, maps.get("0, 4, :, :").sum().getFloat(), 0f);
            assertEquals(
                    28 * 28,
                    maps.sum(new int[] {1, 2, 3}).get(0).getFloat()
                            - dIn.get(0).get(0).sum().getFloat(),
                    1e-2f);
        }
    }

    @Test
    void swappingTheLabelsChangesBothNetworksOutputs() {
        FashionConditionalGan gan = new FashionConditionalGan();
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            Block g = gan.newGenerator();
            LogitsBlock d = (LogitsBlock) gan.newDiscriminator();
            g.initialize(m, DataType.FLOAT32, gan.generatorInputShapes(2));
            d.initialize(m, DataType.FLOAT32, gan.discriminatorInputShapes(2));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray z = m.randomNormal(gan.latentShape(2));
            NDArray images = m.randomNormal(gan.imageShape(2));
            NDArray labels = m.create(new int[] {1, 8});
            NDArray swapped = m.create(new int[] {8, 1});
            float[] asked = g.forward(ps, new NDList(z, labels), false)
                    .singletonOrThrow()
                    .toFloatArray();
            float[] swappedAsk = g.forward(ps, new NDList(z, swapped), false)
                    .singletonOrThrow()
                    .toFloatArray();
            assertTrue(maxDifference(asked, swappedAsk) > 1e-3f, "the generator ignores its labels");
            float[] scores = d.logits(ps, new NDList(images, labels), false).toFloatArray();
            float[] swappedScores =
                    d.logits(ps, new NDList(images, swapped), false).toFloatArray();
            assertNotEquals(scores[0], swappedScores[0]);
            assertNotEquals(scores[1], swappedScores[1]);
            // the same labels give the same scores: nothing else varies
            assertArrayEquals(
                    scores, d.logits(ps, new NDList(images, labels), false).toFloatArray());
        }
    }

    @Test
    void aConditionalBlockWithoutLabelsSaysWhatItTakes() {
        FashionConditionalGan gan = new FashionConditionalGan();
        try (NDManager m = NDManager.newBaseManager()) {
            FashionConditionalDiscriminatorBlock d = new FashionConditionalDiscriminatorBlock();
            IllegalArgumentException init = assertThrows(
                    IllegalArgumentException.class, () -> d.initialize(m, DataType.FLOAT32, gan.imageShape(2)));
            assertTrue(init.getMessage().contains("labels shape (N)"), init.getMessage());
            d.initialize(m, DataType.FLOAT32, gan.discriminatorInputShapes(2));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray images = m.zeros(gan.imageShape(2));
            IllegalArgumentException forward =
                    assertThrows(IllegalArgumentException.class, () -> d.forward(ps, new NDList(images), false));
            assertTrue(forward.getMessage().contains("takes NDList(images, labels)"), forward.getMessage());
            IllegalArgumentException logits =
                    assertThrows(IllegalArgumentException.class, () -> d.logits(ps, images, false));
            assertEquals(
                    "FashionConditionalDiscriminatorBlock is conditional: it takes NDList(images, labels); call"
                            + " logits with an NDList",
                    logits.getMessage());
            IllegalArgumentException outside = assertThrows(
                    IllegalArgumentException.class,
                    () -> d.forward(ps, new NDList(images, m.create(new int[] {2, 10})), false));
            assertEquals("label 10 is outside [0, 10)", outside.getMessage());
            IllegalArgumentException scalar = assertThrows(
                    IllegalArgumentException.class, () -> d.forward(ps, new NDList(images, m.create(1)), false));
            assertEquals(
                    "FashionConditionalDiscriminatorBlock: labels must be (N) class indices, got shape ()",
                    scalar.getMessage());
        }
    }

    private static void checkShapes(LayeredBlock block, ParameterStore ps, NDList inputs, List<LayerSummary> table) {
        assertEquals(table.size(), block.layerCount());
        for (int i = 0; i < table.size(); i++) {
            Shape expected = new Shape(2).addAll(table.get(i).outputShape());
            assertEquals(
                    expected,
                    block.forwardLayers(ps, inputs, false, i + 1).getShape(),
                    table.get(i).name());
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static long total(List<LayerSummary> layers) {
        return layers.stream().mapToLong(LayerSummary::parameters).sum();
    }

    private static long trainable(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }
}
