package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.ganpoet.train.optim.ResumableAdam;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ganpoet's Adam computes DJL's Adam, and its exported state resumes it exactly. */
class ResumableAdamTest {

    private static final float[] START = {0.5f, -1f, 2f, 0.25f};
    private static final float[][] GRADIENTS = {
        {0.1f, -0.2f, 0.3f, 0f}, {-0.5f, 0.1f, 0.2f, 1f}, {0.3f, 0.3f, -0.1f, -2f}
    };

    @Test
    void matchesDjlsAdamStepForStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            Adam djl = Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(0.01f))
                    .optBeta1(0.5f)
                    .build();
            ResumableAdam ours = ResumableAdam.builder()
                    .optLearningRateTracker(Tracker.fixed(0.01f))
                    .optBeta1(0.5f)
                    .build();
            NDArray a = m.create(START);
            NDArray b = m.create(START);
            for (float[] g : GRADIENTS) {
                djl.update("w", a, m.create(g));
                ours.update("w", b, m.create(g));
                assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 1e-7f);
            }
            // By hand, first step: m = 0.5·g, v = 0.001·g², bias-corrected step = lr·sign(g) where g ≠ 0.
            NDArray c = m.create(START);
            ResumableAdam.builder()
                    .optLearningRateTracker(Tracker.fixed(0.01f))
                    .optBeta1(0.5f)
                    .build()
                    .update("w", c, m.create(GRADIENTS[0]));
            assertArrayEquals(new float[] {0.49f, -0.99f, 1.99f, 0.25f}, c.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void exportedStateResumesExactly() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ResumableAdam whole = ResumableAdam.builder().optBeta1(0.5f).build();
            NDArray a = m.create(START);
            for (float[] g : GRADIENTS) {
                whole.update("id-1", a, m.create(g));
            }
            ResumableAdam first = ResumableAdam.builder().optBeta1(0.5f).build();
            NDArray b = m.create(START);
            first.update("id-1", b, m.create(GRADIENTS[0]));
            first.update("id-1", b, m.create(GRADIENTS[1]));
            // Through DJL's NDList encoding, and under another id (as in a new process).
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            first.exportState(Map.of("id-1", "conv1_weight")).encode(bytes);
            NDList state = NDList.decode(m, new ByteArrayInputStream(bytes.toByteArray()));
            assertEquals("conv1_weight.mean", state.get(0).getName());
            ResumableAdam resumed = ResumableAdam.builder().optBeta1(0.5f).build();
            resumed.importState(state, Map.of("conv1_weight", "id-2"), m);
            resumed.update("id-2", b, m.create(GRADIENTS[2]));
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);

            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ResumableAdam.builder().build().importState(state, Map.of("fc_weight", "x"), m));
            assertEquals(
                    "optimizer state for parameter 'conv1_weight', which this network does not have", e.getMessage());
        }
    }
}
