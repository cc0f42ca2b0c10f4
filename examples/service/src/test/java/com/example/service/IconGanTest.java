package com.example.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** A conditional spec compiles and runs in a project with only the annotations and the runtime. */
class IconGanTest {

    @Test
    void theGeneratedConditionalPairTakesLabels() {
        IconGan gan = new IconGan();
        assertEquals(4, gan.classes());
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = gan.newGenerator();
            Block discriminator = gan.newDiscriminator();
            generator.initialize(manager, DataType.FLOAT32, gan.generatorInputShapes(2));
            discriminator.initialize(manager, DataType.FLOAT32, gan.discriminatorInputShapes(2));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray z = manager.randomNormal(gan.latentShape(1)).repeat(0, 2);
            NDArray labels = manager.create(new int[] {0, 3});
            NDArray icons = generator.forward(ps, new NDList(z, labels), false).singletonOrThrow();
            assertEquals(new Shape(2, 3, 16, 16), icons.getShape());
            // the same latent drawn as two classes gives two different icons
            assertTrue(icons.get(0).sub(icons.get(1)).abs().max().getFloat() > 1e-4f);
            NDArray scores = discriminator.forward(ps, new NDList(icons, labels), false).singletonOrThrow();
            assertEquals(new Shape(2, 1, 1, 1), scores.getShape());
        }
    }
}
