package com.example.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * A project with only ganpoet-annotations and ganpoet-runtime on its class path (and the natives it
 * chose) compiles a spec and runs the generated blocks; none of the training core's libraries came
 * along.
 */
class SketchServiceTest {

    @Test
    void generatedBlocksRunWithTheChosenNatives() {
        SketchGan gan = new SketchGan();
        assertEquals(new Shape(3, 32, 32), gan.imageShape());
        try (SketchService service = new SketchService()) {
            float[] pixels = service.draw(2);
            assertEquals(2 * 3 * 32 * 32, pixels.length);
            for (float p : pixels) {
                assertTrue(p >= -1f && p <= 1f, "tanh output, got " + p);
            }
        }
    }

    @Test
    void theTrainingCoreAndItsLibrariesAreNotOnTheClassPath() {
        for (String name : new String[] {
            "io.ganpoet.train.loop.TrainingLoop", "org.snakeyaml.engine.v2.api.Load", "org.knowm.xchart.XYChart",
            "me.tongfei.progressbar.ProgressBar", "org.ejml.data.DMatrixRMaj", "io.ganpoet.processor.GanProcessor"
        }) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }
}
