package io.ganpoet.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganpoet.pytorch.PyTorchExport;
import io.ganpoet.pytorch.StateFile;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.samples.autoencoders.AutoencoderModels;
import io.ganpoet.train.loop.Initialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real sample specs' PyTorch twins (written by the processor beside the samples' classes) compute what their
 * DJL blocks compute, for every generated model of the app: GANs, the conditional GAN, the autoencoder and the VAE.
 * Needs /usr/bin/python3 with torch (.ci/run installs it) and fails without it.
 */
class PyTorchTwinsTest {

    static final String COMPARE =
            """
            import sys
            import torch
            torch.backends.mkldnn.enabled = False
            sys.path.insert(0, sys.argv[1])
            from ganpoet_torch import state
            for case in sys.argv[2:]:
                twin_file, data = case.split("=")
                twin = state.load_twin(twin_file)
                t = state.read(data)
                worst = 0.0
                for name, cls in twin.NETWORKS.items():
                    net = cls()
                    state.load_network(net, name, t)
                    net.eval()
                    args = [t["in." + name]] + ([t["in.labels"]] if twin.CLASSES > 0 else [])
                    with torch.no_grad():
                        out = net(*args)
                    out = torch.stack(out, 1) if isinstance(out, tuple) else out
                    want = t["out." + name]
                    worst = max(worst, float((out - want).abs().max() / want.abs().max().clamp(min=1e-6)))
                print("%s %s worst %.3g" % (twin.__name__, twin.KIND, worst))
                if worst > 1e-5:
                    sys.exit(1)
            """;

    @TempDir
    Path dir;

    @Test
    void everySampleSpecsTwinComputesWhatItsDjlBlocksCompute() throws Exception {
        List<String> cases = new java.util.ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            for (String name : List.of("fashion", "fashion-conditional", "dcgan", "faces")) {
                GanModel gan = Models.named(name);
                Map<String, Block> blocks = new LinkedHashMap<>();
                blocks.put("discriminator", gan.newDiscriminator());
                blocks.put("generator", gan.newGenerator());
                Map<String, NDList> inputs = new LinkedHashMap<>();
                NDArray labels = gan.classes() > 0 ? manager.create(new int[] {0, gan.classes() - 1}) : null;
                NDArray images = manager.randomUniform(-1f, 1f, gan.imageShape(2));
                NDArray z = manager.randomNormal(gan.latentShape(2));
                inputs.put("discriminator", labels == null ? new NDList(images) : new NDList(images, labels));
                inputs.put("generator", labels == null ? new NDList(z) : new NDList(z, labels));
                blocks.get("discriminator").initialize(manager, DataType.FLOAT32, gan.discriminatorInputShapes(2));
                blocks.get("generator").initialize(manager, DataType.FLOAT32, gan.generatorInputShapes(2));
                cases.add(write(gan.getClass(), blocks, inputs, labels, manager));
            }
            for (String name : List.of("lecture", "fashion-vae")) {
                AutoencoderModel ae = AutoencoderModels.named(name);
                Map<String, Block> blocks = new LinkedHashMap<>();
                blocks.put("encoder", ae.newEncoder());
                blocks.put("decoder", ae.newDecoder());
                blocks.get("encoder").initialize(manager, DataType.FLOAT32, ae.imageShape(2));
                blocks.get("decoder").initialize(manager, DataType.FLOAT32, ae.latentShape(2));
                Map<String, NDList> inputs = new LinkedHashMap<>();
                inputs.put("encoder", new NDList(manager.randomUniform(0f, 1f, ae.imageShape(2))));
                inputs.put("decoder", new NDList(manager.randomNormal(ae.latentShape(2))));
                cases.add(write(ae.getClass(), blocks, inputs, null, manager));
            }
        }
        Path trainer = dir.resolve("trainer");
        Files.createDirectories(trainer.resolve("ganpoet_torch"));
        for (String file : PyTorchExport.TRAINER_FILES) {
            try (var in = PyTorchExport.class.getClassLoader().getResourceAsStream("ganpoet_torch/" + file)) {
                Files.write(trainer.resolve("ganpoet_torch").resolve(file), in.readAllBytes());
            }
        }
        Path script = dir.resolve("compare.py");
        Files.writeString(script, COMPARE, StandardCharsets.UTF_8);
        List<String> command = new java.util.ArrayList<>(List.of(python(), script.toString(), trainer.toString()));
        command.addAll(cases);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        System.out.print(output);
        for (String twin : List.of(
                "FashionGan gan",
                "FashionConditionalGan conditional-gan",
                "DcganGan gan",
                "FacesGan gan",
                "LectureAutoencoder autoencoder",
                "FashionVaeAutoencoder vae")) {
            assertTrue(output.contains(twin + " worst"), output);
        }
    }

    /** Writes the weights, inputs and DJL's inference-mode outputs; returns {@code twin.py=data.safetensors}. */
    private String write(
            Class<?> holder, Map<String, Block> blocks, Map<String, NDList> inputs, NDArray labels, NDManager manager)
            throws IOException {
        for (Block block : blocks.values()) {
            Initialization.dcgan(block);
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>(PyTorchExport.networks(blocks));
        ParameterStore store = new ParameterStore(manager, false);
        for (Map.Entry<String, Block> e : blocks.entrySet()) {
            tensors.put("in." + e.getKey(), inputs.get(e.getKey()).head());
            NDList out = e.getValue().forward(store, inputs.get(e.getKey()), false);
            tensors.put("out." + e.getKey(), out.size() == 1 ? out.head() : NDArrays.stack(out, 1));
        }
        if (labels != null) {
            tensors.put("in.labels", labels.toType(DataType.INT64, false));
        }
        Path twin = dir.resolve(holder.getSimpleName() + ".py");
        try (var in =
                holder.getClassLoader().getResourceAsStream(holder.getName().replace('.', '/') + ".py")) {
            assertTrue(in != null, "no twin beside " + holder.getName());
            Files.write(twin, in.readAllBytes());
        }
        Path data = dir.resolve(holder.getSimpleName() + ".safetensors");
        StateFile.write(data, tensors);
        return twin + "=" + data;
    }

    /** /usr/bin/python3 with torch, or a failure saying what to install (never a skip). */
    private static String python() throws IOException, InterruptedException {
        String python = System.getProperty("ganpoet.python", "/usr/bin/python3");
        Process p;
        try {
            p = new ProcessBuilder(python, "-c", "import torch")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(python + " cannot be run; this test needs Python 3 with PyTorch: apt-get install"
                    + " python3-torch");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(python + " has no torch (" + out.strip() + "); apt-get install python3-torch");
        }
        return python;
    }
}
