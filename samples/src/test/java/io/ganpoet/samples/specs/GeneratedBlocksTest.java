package io.ganpoet.samples.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.LayeredBlock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the generated blocks in DJL and checks every layer's runtime shape and trainable parameter
 * count against the compile-time table, and that G(z) has exactly the image shape.
 */
class GeneratedBlocksTest {

    static Stream<GanModel> models() {
        return Stream.of(
                new FashionGan(),
                new DcganGan(),
                new FacesGan(),
                new OddGan(),
                new PooledGan(),
                new PatchGan(),
                new MlpGan());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyLayerMatchesTheCompileTimeTable(GanModel model) {
        try (NDManager manager = NDManager.newBaseManager()) {
            int batch = 3;
            LayeredBlock discriminator = (LayeredBlock) model.newDiscriminator();
            LayeredBlock generator = (LayeredBlock) model.newGenerator();
            discriminator.initialize(manager, DataType.FLOAT32, model.imageShape(batch));
            generator.initialize(manager, DataType.FLOAT32, model.latentShape(batch));
            ParameterStore ps = new ParameterStore(manager, false);

            NDArray z = manager.randomNormal(model.latentShape(batch));
            checkLayers(generator, model.generatorLayers(), ps, z, batch);
            NDArray images = generator.forwardLayers(ps, z, true, generator.layerCount());
            assertEquals(model.imageShape(batch), images.getShape(), "G(z) has the image shape");

            checkLayers(discriminator, model.discriminatorLayers(), ps, images, batch);
            assertEquals(sum(model.discriminatorLayers()), trainable(discriminator), "discriminator parameters");
            assertEquals(sum(model.generatorLayers()), trainable(generator), "generator parameters");
            assertEquals(
                    discriminator.getOutputShapes(new Shape[] {model.imageShape(batch)})[0],
                    discriminator
                            .forwardLayers(ps, images, false, discriminator.layerCount())
                            .getShape());
        }
    }

    private static void checkLayers(
            LayeredBlock block, List<LayerSummary> table, ParameterStore ps, NDArray input, int batch) {
        assertEquals(table.size(), block.layerCount());
        for (int k = 1; k <= table.size(); k++) {
            for (boolean training : new boolean[] {true, false}) {
                Shape actual = block.forwardLayers(ps, input, training, k).getShape();
                LayerSummary row = table.get(k - 1);
                assertEquals(new Shape(batch).addAll(row.outputShape()), actual, row.name());
            }
        }
    }

    private static long sum(List<LayerSummary> table) {
        return table.stream().mapToLong(LayerSummary::parameters).sum();
    }

    private static long trainable(LayeredBlock block) {
        return block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().size())
                .sum();
    }
}
