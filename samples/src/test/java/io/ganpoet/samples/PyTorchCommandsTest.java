package io.ganpoet.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export-pytorch and import-pytorch as a user runs them (no Python needed): a job folder out, its starting state
 * back in as a run that sample and summary read and train resumes; a misfit refused in one sentence, nothing written.
 */
class PyTorchCommandsTest {

    @Test
    void anExportedStartingStateImportsAsARunThatSamplesAndResumes(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job");
        AppTest.Result export = AppTest.run(
                "export-pytorch",
                "--out",
                job.toString(),
                "--set",
                "batch_size=16",
                "--set",
                "steps_per_epoch=2",
                "--set",
                "epochs=1",
                "--set",
                "cpu_threads=1",
                "--set",
                "sample.grid=4");
        assertEquals(0, export.code(), export.err());
        for (String file : new String[] {
            "FashionGan.py",
            "config.json",
            "config.yaml",
            "data.safetensors",
            "init.safetensors",
            "ganpoet_torch/train.py"
        }) {
            assertTrue(Files.isRegularFile(job.resolve(file)), file);
        }
        assertTrue(Files.readString(job.resolve("config.json")).contains("\"twin\": \"FashionGan.py\""));

        Path run = dir.resolve("run");
        AppTest.Result imported = AppTest.run(
                "import-pytorch",
                job.resolve("init.safetensors").toString(),
                "--config",
                job.resolve("config.yaml").toString(),
                "--run",
                run.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().startsWith("wrote " + run + " (step-000000000)"), imported.out());
        AppTest.Result sample = AppTest.run("sample", run.toString(), "--count", "4");
        assertEquals(0, sample.code(), sample.err());
        assertTrue(Files.isRegularFile(run.resolve("sample.png")));
        AppTest.Result resumed = AppTest.run("train", "--run", run.toString(), "--set", "eval.fd_samples=0");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming " + run), resumed.out());

        Path refused = dir.resolve("refused");
        AppTest.Result wrong = AppTest.run(
                "import-pytorch",
                job.resolve("init.safetensors").toString(),
                "--model",
                "dcgan",
                "--run",
                refused.toString());
        assertEquals(2, wrong.code(), wrong.out());
        assertTrue(
                wrong.err()
                        .contains("init.safetensors has no tensor generator.conv5Mirror.weight for the generator's"
                                + " conv5Mirror.weight (100, 512, 4, 4)"),
                wrong.err());
        assertFalse(Files.exists(refused), "nothing written");
    }
}
