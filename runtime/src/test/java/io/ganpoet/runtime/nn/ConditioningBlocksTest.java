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
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The label-conditioning blocks: shapes, values against hand computations, gradients, errors. */
class ConditioningBlocksTest {

    @Test
    void embeddingLooksUpRowsAndTrainsOnlyTheRowsUsed() {
        try (NDManager m = NDManager.newBaseManager()) {
            LabelEmbedding e = new LabelEmbedding(4, 3, 1f);
            e.initialize(m, DataType.FLOAT32, new Shape(5));
            NDArray w = e.getParameters().get("weight").getArray();
            assertEquals(new Shape(4, 3), w.getShape());
            NDArray labels = m.create(new int[] {2, 0, 2, 3, 0});
            ParameterStore ps = new ParameterStore(m, false);
            NDArray out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                out = e.forward(ps, new NDList(labels), true).singletonOrThrow();
                gc.backward(out.sum());
            }
            float[] weights = w.toFloatArray();
            float[] rows = out.toFloatArray();
            int[] l = {2, 0, 2, 3, 0};
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(weights[l[i] * 3 + j], rows[i * 3 + j], 0f);
                }
            }
            // d(sum)/dW[k] = number of times label k was used; row 1 was never used.
            assertArrayEquals(
                    new float[] {2, 2, 2, 0, 0, 0, 2, 2, 2, 1, 1, 1},
                    w.getGradient().toFloatArray());
        }
    }

    @Test
    void labelsOutOfRangeOrOfTheWrongShapeAreNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            LabelEmbedding e = new LabelEmbedding(10, 3, 1f);
            e.initialize(m, DataType.FLOAT32, new Shape(2));
            ParameterStore ps = new ParameterStore(m, false);
            IllegalArgumentException unknown = assertThrows(
                    IllegalArgumentException.class,
                    () -> e.forward(ps, new NDList(m.create(new int[] {3, -1})), false));
            assertTrue(unknown.getMessage().contains("label -1 is outside [0, 10)"), unknown.getMessage());
            IllegalArgumentException big = assertThrows(
                    IllegalArgumentException.class,
                    () -> e.forward(ps, new NDList(m.create(new int[] {10, 1})), false));
            assertTrue(big.getMessage().contains("label 10"), big.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> e.forward(ps, new NDList(m.create(new int[][] {{1}})), false));
        }
    }

    @Test
    void generatorJoinsTheLabelVectorToTheLatent() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            SequentialBlock body = new SequentialBlock()
                    .add(TransposedConv2d.builder()
                            .setKernelShape(new Shape(4, 4))
                            .setFilters(2)
                            .build())
                    .add(Activation::tanh);
            LabelConditionedGenerator g = new LabelConditionedGenerator(10, 6, body);
            g.initialize(m, DataType.FLOAT32, new Shape(3, 8, 1, 1), new Shape(3));
            assertEquals(
                    new Shape(3, 2, 4, 4), g.getOutputShapes(new Shape[] {new Shape(3, 8, 1, 1), new Shape(3)})[0]);
            // The body's first layer takes latent + embedding = 14 channels.
            assertEquals(
                    14,
                    body.getChildren()
                            .get(0)
                            .getValue()
                            .getParameters()
                            .get("weight")
                            .getArray()
                            .getShape()
                            .get(0));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray z = m.randomNormal(new Shape(3, 8, 1, 1));
            NDArray labels = m.create(new int[] {1, 7, 7});
            NDArray joined = g.join(ps, z, labels, false);
            assertEquals(new Shape(3, 14, 1, 1), joined.getShape());
            NDArray table = g.labelEmbedding().getParameters().get("weight").getArray();
            assertArrayEquals(z.toFloatArray(), joined.get(":, :8").toFloatArray());
            assertArrayEquals(
                    table.get(7).toFloatArray(), joined.get("1, 8:").reshape(6).toFloatArray());
            NDArray images = g.forward(ps, new NDList(z, labels), false).singletonOrThrow();
            assertEquals(new Shape(3, 2, 4, 4), images.getShape());
            // Same latent, labels 7 and 1: different images; the two 7s differ only through z.
            NDArray same = g.forward(ps, new NDList(z.get("1:2").repeat(0, 2), m.create(new int[] {7, 1})), false)
                    .singletonOrThrow();
            assertTrue(same.get(0).sub(same.get(1)).abs().max().getFloat() > 1e-4f);
            IllegalArgumentException noLabels =
                    assertThrows(IllegalArgumentException.class, () -> g.forward(ps, new NDList(z), false));
            assertTrue(noLabels.getMessage().contains("NDList(z, labels)"), noLabels.getMessage());
        }
    }

    @Test
    void projectionAddsTheInnerProductOfTheLabelVectorWithSummedFeatures() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            SequentialBlock features = new SequentialBlock()
                    .add(CheckedConv2d.builder()
                            .setKernelShape(new Shape(2, 2))
                            .setFilters(4)
                            .optStride(new Shape(2, 2))
                            .build())
                    .add(x -> Activation.leakyRelu(x, 0.2f));
            Conv2d head = CheckedConv2d.builder()
                    .setKernelShape(new Shape(2, 2))
                    .setFilters(1)
                    .build();
            ProjectionDiscriminator d = new ProjectionDiscriminator(3, 4, features, head, true);
            d.initialize(m, DataType.FLOAT32, new Shape(2, 1, 4, 4), new Shape(2));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 1, 4, 4));
            NDArray labels = m.create(new int[] {0, 2});
            NDArray phi = features.forward(ps, new NDList(x), false).singletonOrThrow();
            NDArray psi = head.forward(ps, new NDList(phi), false).singletonOrThrow();
            float[] table =
                    d.labelEmbedding().getParameters().get("weight").getArray().toFloatArray();
            float[] f = phi.toFloatArray(); // (2, 4, 2, 2)
            float[] expected = psi.toFloatArray();
            int[] l = {0, 2};
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 4; c++) {
                    float pooled = 0;
                    for (int p = 0; p < 4; p++) {
                        pooled += f[n * 16 + c * 4 + p];
                    }
                    expected[n] += table[l[n] * 4 + c] * pooled;
                }
            }
            NDArray logits = d.logits(ps, new NDList(x, labels), false);
            assertEquals(new Shape(2, 1, 1, 1), logits.getShape());
            assertArrayEquals(expected, logits.toFloatArray(), 1e-5f);
            NDArray probability = d.forward(ps, new NDList(x, labels), false).singletonOrThrow();
            assertArrayEquals(Activation.sigmoid(logits).toFloatArray(), probability.toFloatArray(), 0f);
            // Swapping the labels changes the score.
            NDArray swapped = d.logits(ps, new NDList(x, m.create(new int[] {2, 0})), false);
            assertTrue(swapped.sub(logits).abs().max().getFloat() > 1e-6f);
        }
    }

    @Test
    void labelMapsJoinOneHotPlanesToTheImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(9);
            // A body that only flattens: its output is exactly what it was given.
            LabelMapsDiscriminator d = new LabelMapsDiscriminator(3, Blocks.identityBlock(), false);
            NDArray x = m.randomNormal(new Shape(2, 1, 2, 2));
            NDArray joined = d.logits(new ParameterStore(m, false), new NDList(x, m.create(new int[] {2, 0})), false);
            assertEquals(new Shape(2, 4, 2, 2), joined.getShape());
            assertArrayEquals(x.toFloatArray(), joined.get(":, 0:1").toFloatArray());
            assertArrayEquals(
                    new float[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1},
                    joined.get("0, 1:").toFloatArray());
            assertArrayEquals(
                    new float[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0},
                    joined.get("1, 1:").toFloatArray());

            SequentialBlock body = new SequentialBlock()
                    .add(CheckedConv2d.builder()
                            .setKernelShape(new Shape(2, 2))
                            .setFilters(1)
                            .build());
            LabelMapsDiscriminator conv = new LabelMapsDiscriminator(3, body, true);
            conv.initialize(m, DataType.FLOAT32, new Shape(2, 1, 2, 2), new Shape(2));
            assertEquals(
                    new Shape(1, 4, 2, 2),
                    body.getChildren()
                            .get(0)
                            .getValue()
                            .getParameters()
                            .get("weight")
                            .getArray()
                            .getShape());
            ParameterStore ps = new ParameterStore(m, false);
            NDArray a = conv.forward(ps, new NDList(x, m.create(new int[] {2, 0})), false)
                    .singletonOrThrow();
            NDArray b = conv.forward(ps, new NDList(x, m.create(new int[] {0, 2})), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 1, 1, 1), a.getShape());
            assertTrue(a.sub(b).abs().max().getFloat() > 1e-6f);
        }
    }
}
