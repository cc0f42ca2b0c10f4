package io.ganpoet.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.samples.FashionConditionalGan.Conditioning;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conditional Fashion pair: label shapes through both networks, and its tables match its blocks. */
class FashionConditionalGanTest {

    @Test
    void labelsGoThroughBothNetworksAndTheTablesCountTheParameters() {
        for (Conditioning conditioning : Conditioning.values()) {
            FashionConditionalGan gan = new FashionConditionalGan(conditioning);
            assertEquals(10, gan.classes());
            try (NDManager m = NDManager.newBaseManager()) {
                Block g = gan.newGenerator();
                Block d = gan.newDiscriminator();
                g.initialize(m, DataType.FLOAT32, gan.generatorInputShapes(3));
                d.initialize(m, DataType.FLOAT32, gan.discriminatorInputShapes(3));
                ParameterStore ps = new ParameterStore(m, false);
                NDArray labels = m.create(new int[] {0, 7, 9});
                NDArray images = g.forward(ps, new NDList(m.randomNormal(gan.latentShape(3)), labels), false).singletonOrThrow();
                assertEquals(new Shape(3, 1, 28, 28), images.getShape());
                NDArray scores = d.forward(ps, new NDList(images, labels), false).singletonOrThrow();
                assertEquals(new Shape(3, 1, 1, 1), scores.getShape());
                assertEquals(total(gan.generatorLayers()), trainable(g), conditioning + " generator");
                assertEquals(total(gan.discriminatorLayers()), trainable(d), conditioning + " discriminator");
            }
        }
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
