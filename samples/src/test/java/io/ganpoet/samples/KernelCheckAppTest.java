package io.ganpoet.samples;

import static io.ganpoet.samples.AppTest.run;
import static io.ganpoet.samples.AppTest.tiny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganpoet.runtime.kernels.ConvKernels;
import io.ganpoet.runtime.kernels.KernelFault;
import io.ganpoet.runtime.kernels.KernelPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user of {@code ./ganpoet} sees of the kernel check: a line per rerouted layer, all verdicts with --debug. */
class KernelCheckAppTest {

    @AfterEach
    void restore() {
        ConvKernels.injectFault(KernelFault.NONE);
        ConvKernels.setPolicy(KernelPolicy.CHECKED);
    }

    @Test
    void aWrongKernelIsNamedOnceLayerByLayerAndTheRunStaysFinite(@TempDir Path dir) {
        ConvKernels.injectFault(KernelFault.INPUT_GRADIENT);
        AppTest.Result train =
                run(tiny("train", "--epochs", "1", "--run", dir.resolve("run").toString()));
        assertEquals(0, train.code(), train.err() + train.out());
        for (String layer : new String[] {
            "generator.conv3Mirror",
            "generator.conv2Mirror",
            "generator.conv1Mirror",
            "discriminator.conv1",
            "discriminator.conv2",
            "discriminator.conv3"
        }) {
            String line = train.out()
                    .lines()
                    .filter(l -> l.startsWith("kernels: " + layer + ": "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(layer + " is not named:\n" + train.out()));
            assertTrue(
                    line.contains(" on 16×")
                            && line.contains(
                                    "moved to ganpoet's im2col kernel because libtorch's" + " default kernel's"),
                    line);
            assertEquals(
                    1,
                    train.out()
                            .lines()
                            .filter(l -> l.startsWith("kernels: " + layer + ": ") && l.contains(" on 16×"))
                            .count(),
                    "said once: " + layer);
        }
    }

    @Test
    void debugListsEveryVerdictAndTheTrustedPolicyIsAConfigKey(@TempDir Path dir) {
        AppTest.Result train = run(tiny(
                "train",
                "--debug",
                "--epochs",
                "1",
                "--set",
                "kernels=trusted",
                "--run",
                dir.resolve("run").toString()));
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(
                train.err()
                        .contains("kernel check: transposed conv 64→64 k7 s1 p0 on 16×64×1×1 on cpu():"
                                + " ganpoet's im2col kernel (kernels: trusted)"),
                train.err());
        assertFalse(train.out().contains("kernels: "), "nothing was rerouted by a check: " + train.out());
        AppTest.Result bad = run(tiny(
                "train",
                "--epochs",
                "1",
                "--set",
                "kernels=fast",
                "--run",
                dir.resolve("bad").toString()));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("kernels"), bad.err());
    }
}
