package io.ganpoet.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class FrechetEvaluationTest {

    @Test
    void aGeneratorOfNonFiniteImagesIsNamedBeforeAnyFeatureIsComputed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureNetwork features = images -> {
                throw new AssertionError("features of broken images were computed");
            };
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> FrechetEvaluation.generated(
                            manager,
                            features,
                            z -> z.getManager().full(new Shape(z.getShape().get(0), 1, 4, 4), Float.NaN),
                            new Shape(8),
                            10,
                            42));
            assertEquals(
                    "the generator produced non-finite images (NaN or infinity) for the latents of seed 42 (images 0 to 9);"
                            + " its weights are broken: train again, or with a lower learning rate",
                    e.getMessage());
        }
    }
}
