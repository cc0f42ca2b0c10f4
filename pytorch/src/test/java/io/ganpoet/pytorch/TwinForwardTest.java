package io.ganpoet.pytorch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganpoet.pytorch.specs.SmallAutoencoder;
import io.ganpoet.pytorch.specs.SmallConditionalGan;
import io.ganpoet.pytorch.specs.SmallGan;
import io.ganpoet.pytorch.specs.SmallSpectralGan;
import io.ganpoet.pytorch.specs.SmallVaeAutoencoder;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.kernels.KernelReport;
import io.ganpoet.train.loop.Initialization;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The twin the processor writes computes what the generated DJL blocks compute: the same weights (exported through
 * {@link StateDictNames}) and the same inputs give the same outputs, in training mode (batch statistics) and then
 * in inference mode (the running statistics that pass updated; a spectral-norm convolution's vector refined), for a
 * GAN, a conditional GAN, an autoencoder, a VAE and a discriminator with the remaining ops (spectral norm, dilation,
 * dense batch norm, ELU, GELU, softplus).
 */
class TwinForwardTest {

    static final String COMPARE =
            """
            import sys
            import torch
            torch.backends.mkldnn.enabled = False
            from ganpoet_torch import state
            twin = state.load_twin(sys.argv[1])
            t = state.read(sys.argv[2])
            worst = 0.0
            for name, cls in twin.NETWORKS.items():
                net = cls()
                state.load_network(net, name, t)
                args = [t["in." + name]]
                if twin.CLASSES > 0:
                    args.append(t["in.labels"])
                for mode in ("train", "eval"):
                    net.train(mode == "train")
                    with torch.no_grad():
                        out = net(*args)
                    if isinstance(out, tuple):
                        out = torch.stack(out, 1)
                    want = t["out.%s.%s" % (name, mode)]
                    if tuple(out.shape) != tuple(want.shape):
                        raise SystemExit("%s %s: shape %s, DJL %s" % (name, mode, tuple(out.shape), tuple(want.shape)))
                    err = float((out - want).abs().max() / want.abs().max().clamp(min=1e-6))
                    print("%s %s: max relative difference %.3g" % (name, mode, err))
                    worst = max(worst, err)
            print("worst %.3g" % worst)
            sys.exit(0 if worst <= 1e-5 else 1)
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {"SmallGan", "SmallConditionalGan", "SmallAutoencoder", "SmallVaeAutoencoder", "SmallSpectralGan"
            })
    void theTwinComputesWhatTheDjlBlocksComputeForEveryKind(String model) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            int n = 6;
            Map<String, Block> blocks = new LinkedHashMap<>();
            Map<String, NDList> inputs = new LinkedHashMap<>();
            Map<String, NDArray> files = new LinkedHashMap<>();
            NDArray images;
            NDArray labels = null;
            switch (model) {
                case "SmallGan", "SmallConditionalGan", "SmallSpectralGan" -> {
                    GanModel gan = model.equals("SmallGan")
                            ? new SmallGan()
                            : model.equals("SmallSpectralGan") ? new SmallSpectralGan() : new SmallConditionalGan();
                    images = manager.randomUniform(-1f, 1f, gan.imageShape(n));
                    NDArray z = manager.randomNormal(gan.latentShape(n));
                    if (gan.classes() > 0) {
                        labels = manager.create(new int[] {0, 1, 2, 2, 1, 0});
                    }
                    blocks.put("discriminator", gan.newDiscriminator());
                    blocks.put("generator", gan.newGenerator());
                    blocks.get("discriminator").initialize(manager, DataType.FLOAT32, gan.discriminatorInputShapes(n));
                    blocks.get("generator").initialize(manager, DataType.FLOAT32, gan.generatorInputShapes(n));
                    inputs.put("discriminator", labels == null ? new NDList(images) : new NDList(images, labels));
                    inputs.put("generator", labels == null ? new NDList(z) : new NDList(z, labels));
                    files.put("in.discriminator", images);
                    files.put("in.generator", z);
                }
                default -> {
                    AutoencoderModel ae =
                            model.equals("SmallAutoencoder") ? new SmallAutoencoder() : new SmallVaeAutoencoder();
                    images = manager.randomUniform(0f, 1f, ae.imageShape(n));
                    NDArray code = manager.randomNormal(ae.latentShape(n));
                    blocks.put("encoder", ae.newEncoder());
                    blocks.put("decoder", ae.newDecoder());
                    blocks.get("encoder").initialize(manager, DataType.FLOAT32, ae.imageShape(n));
                    blocks.get("decoder").initialize(manager, DataType.FLOAT32, ae.latentShape(n));
                    inputs.put("encoder", new NDList(images));
                    inputs.put("decoder", new NDList(code));
                    files.put("in.encoder", images);
                    files.put("in.decoder", code);
                }
            }
            for (Block block : blocks.values()) {
                Initialization.dcgan(block); // batch-norm scales away from 1: a swapped gamma/beta would show
            }
            Map<String, NDArray> tensors = new LinkedHashMap<>(PyTorchExport.networks(blocks));
            // the exported weights, copied before the forward passes move the running statistics
            tensors.replaceAll((k, v) -> v.duplicate());
            tensors.putAll(files);
            if (labels != null) {
                tensors.put("in.labels", labels.toType(DataType.INT64, false));
            }
            ParameterStore store = new ParameterStore(manager, false);
            for (String name : blocks.keySet()) {
                for (boolean training : new boolean[] {true, false}) {
                    NDList out = blocks.get(name).forward(store, inputs.get(name), training);
                    NDArray joined = out.size() == 1 ? out.head() : NDArrays.stack(out, 1);
                    tensors.put("out." + name + "." + (training ? "train" : "eval"), joined);
                }
            }
            // Which kernel each layer ran on: a difference below points at a verdict here (issue 18).
            blocks.forEach((name, block) -> KernelReport.of(name, block)
                    .forEach(layer -> System.out.println(model + " kernels: " + layer.line())));
            Path file = dir.resolve("case.safetensors");
            StateFile.write(file, tensors);
            String output = Python.script(
                    dir,
                    COMPARE,
                    Python.TWINS.resolve(model + ".py").toAbsolutePath().toString(),
                    file.toString());
            System.out.println(model + ":\n" + output);
            assertTrue(output.contains("worst "), output);
        }
    }
}
