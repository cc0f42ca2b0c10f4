package io.ganpoet.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.util.Pair;
import io.ganpoet.pytorch.specs.SmallGan;
import io.ganpoet.pytorch.specs.SmallVaeAutoencoder;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.GanModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL ↔ PyTorch names, the state-file codec and the refusals, without Python. */
class StateDictNamesTest {

    @TempDir
    Path dir;

    @Test
    void batchNormAndNestedHeadsTakePyTorchsNamesInTheBlocksOrder() {
        GanModel gan = new SmallGan();
        List<StateDictNames.Entry> d = StateDictNames.of(gan.newDiscriminator());
        assertEquals(
                List.of(
                        "conv1.weight",
                        "conv2.weight",
                        "conv2Norm.weight",
                        "conv2Norm.bias",
                        "conv2Norm.running_mean",
                        "conv2Norm.running_var",
                        "conv3.weight"),
                d.stream().map(StateDictNames.Entry::torchKey).toList());
        Block block = gan.newDiscriminator();
        List<String> djl = block.getParameters().stream().map(Pair::getKey).toList();
        assertEquals(
                djl,
                StateDictNames.of(block).stream()
                        .map(StateDictNames.Entry::djlName)
                        .toList(),
                "the DJL names are the block's own, in its order");
        AutoencoderModel vae = new SmallVaeAutoencoder();
        List<String> encoder = StateDictNames.of(vae.newEncoder()).stream()
                .map(StateDictNames.Entry::torchKey)
                .toList();
        assertEquals(
                List.of("heads.mean.weight", "heads.mean.bias", "heads.logVariance.weight", "heads.logVariance.bias"),
                encoder.subList(encoder.size() - 4, encoder.size()));
    }

    @Test
    void djlsChildNumbersAreDroppedAndNamesAreNeverSplitAtUnderscores() {
        assertEquals("conv2Norm", StateDictNames.stripNumber("03conv2Norm"));
        assertEquals("conv_2", StateDictNames.stripNumber("102conv_2"));
    }

    @Test
    void stateFilesKeepNamesShapesTypesAndOrderAndImportRefusesAMisfitNamingItAndBothShapes() throws Exception {
        GanModel gan = new SmallGan();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block g = gan.newGenerator();
            g.initialize(manager, DataType.FLOAT32, gan.generatorInputShapes(2));
            Map<String, Block> blocks = new LinkedHashMap<>();
            blocks.put("generator", g);
            Map<String, NDArray> tensors = new LinkedHashMap<>(PyTorchExport.networks(blocks));
            tensors.put(StateFile.POSITION, manager.create(new long[] {1, 2, 3, 4}));
            Path file = dir.resolve("state.safetensors");
            StateFile.write(file, tensors);
            Map<String, NDArray> back = StateFile.read(file, manager);
            assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.keySet()));
            for (String key : tensors.keySet()) {
                assertEquals(tensors.get(key), back.get(key), key);
            }
            assertEquals(DataType.INT64, back.get(StateFile.POSITION).getDataType());

            Map<String, NDArray> dict = new LinkedHashMap<>(PyTorchImport.networkTensors(back, "generator"));
            String first = dict.keySet().iterator().next();
            dict.put(first, manager.zeros(new ai.djl.ndarray.types.Shape(3, 3)));
            StateMismatchException e = assertThrows(
                    StateMismatchException.class,
                    () -> PyTorchImport.load("generator", g, dict, PyTorchImport.Matching.NAMES, "state.safetensors"));
            assertEquals(
                    "state.safetensors: tensor generator." + first + " has shape (3, 3) but the generator's " + first
                            + " is " + tensors.get("generator." + first).getShape(),
                    e.getMessage());
            dict.remove(first);
            dict.put("extra.weight", manager.zeros(new ai.djl.ndarray.types.Shape(1)));
            assertThrows(
                    StateMismatchException.class,
                    () -> PyTorchImport.load("generator", g, dict, PyTorchImport.Matching.NAMES, "state.safetensors"));
        }
    }

    @Test
    void aRunDirectoryIsNeverWrittenOverAndAFileThatIsNotSafetensorsIsNamed() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path junk = dir.resolve("junk.safetensors");
            java.nio.file.Files.writeString(junk, "not a state file");
            java.io.IOException bad = assertThrows(java.io.IOException.class, () -> StateFile.read(junk, manager));
            assertTrue(bad.getMessage().startsWith(junk + ": "), bad.getMessage());
            Path run = java.nio.file.Files.createDirectories(dir.resolve("run"));
            java.nio.file.Files.writeString(run.resolve("keep.txt"), "mine");
            java.io.IOException used = assertThrows(
                    java.io.IOException.class,
                    () -> PyTorchImport.writeRun(run, Jobs.config("seed: 1\n"), "", Map.of(), Map.of(), manager));
            assertEquals(
                    run + " exists and is not an empty directory; import into a new run directory", used.getMessage());
            assertEquals("mine", java.nio.file.Files.readString(run.resolve("keep.txt")));
        }
    }

    @Test
    void withoutTorchTheEquivalenceTestsFailSayingWhatToInstall() {
        AssertionError missing = assertThrows(AssertionError.class, () -> Python.requireTorch("/nonexistent/python3"));
        assertTrue(missing.getMessage().contains("apt-get install python3-torch"), missing.getMessage());
        AssertionError noTorch = assertThrows(AssertionError.class, () -> Python.requireTorch("/bin/false"));
        assertTrue(noTorch.getMessage().startsWith("/bin/false has no torch"), noTorch.getMessage());
    }
}
