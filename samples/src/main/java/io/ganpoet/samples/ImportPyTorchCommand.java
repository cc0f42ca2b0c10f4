package io.ganpoet.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.ganpoet.pytorch.PyTorchImport;
import io.ganpoet.pytorch.StateFile;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.config.ExperimentConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ganpoet import-pytorch}: PyTorch state dicts (safetensors) → a ganpoet run directory. */
@Command(
        name = "import-pytorch",
        mixinStandardHelpOptions = true,
        description = {
            "Turn PyTorch weights into a new ganpoet run directory that sample, fd, summary and train (resume) accept:",
            "a state file of the twin's trainer (STATE: networks, Adam moments, position), or one state dict per network",
            "(--generator, --discriminator) of the twin's layout or, with --by-position, of another (PyTorch's DCGAN",
            "example's netG / netD). Refused, writing nothing, when a tensor does not fit; the message names it."
        })
final class ImportPyTorchCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..1",
            paramLabel = "STATE",
            description = "A ganpoet state file (safetensors) with every network.")
    Path state;

    @Option(names = "--generator", paramLabel = "FILE", description = "The generator's state dict (safetensors).")
    Path generator;

    @Option(
            names = "--discriminator",
            paramLabel = "FILE",
            description = "The discriminator's state dict (safetensors).")
    Path discriminator;

    @Option(names = "--by-position", description = "Match tensors in order (num_batches_tracked skipped), not by name.")
    boolean byPosition;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "The experiment the run records (an export's config.yaml; default: the model's shipped config).")
    Path config;

    @Option(
            names = "--model",
            description = "Spec: fashion, fashion-conditional, faces or dcgan (default: the config's).")
    String model;

    @Option(
            names = "--run",
            required = true,
            paramLabel = "DIR",
            description = "The new run directory (must not exist, or be empty).")
    Path run;

    @Override
    public Integer call() throws IOException {
        if ((state == null) == (generator == null && discriminator == null)) {
            throw new IllegalArgumentException(
                    "give either a state file (STATE) or --generator FILE and --discriminator FILE");
        }
        if (state == null && (generator == null || discriminator == null)) {
            throw new IllegalArgumentException(
                    "a run needs both networks: give --generator FILE and --discriminator FILE");
        }
        ExperimentConfig cfg = config != null
                ? ExperimentConfig.load(config, AppConfig.SCHEMA)
                : GanRuns.shippedConfig(model != null ? model : "fashion");
        if (model != null) {
            cfg = cfg.withOverrides(java.util.List.of("model=" + model), "command line");
        }
        GanModel gan = Models.named(cfg.text("model"));
        PyTorchImport.Matching matching = byPosition ? PyTorchImport.Matching.POSITION : PyTorchImport.Matching.NAMES;
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Block> blocks = new LinkedHashMap<>();
            blocks.put("generator", gan.newGenerator());
            blocks.put("discriminator", gan.newDiscriminator());
            blocks.get("generator").initialize(manager, DataType.FLOAT32, gan.generatorInputShapes(1));
            blocks.get("discriminator").initialize(manager, DataType.FLOAT32, gan.discriminatorInputShapes(1));
            Map<String, NDArray> tensors = state != null ? StateFile.read(state, manager) : Map.of();
            for (Map.Entry<String, Block> e : blocks.entrySet()) {
                Path file = state != null ? state : e.getKey().equals("generator") ? generator : discriminator;
                Map<String, NDArray> dict = state != null
                        ? PyTorchImport.networkTensors(tensors, e.getKey())
                        : StateFile.read(file, manager);
                PyTorchImport.load(e.getKey(), e.getValue(), dict, matching, file.toString());
            }
            Path checkpoint = PyTorchImport.writeRun(run, cfg, gan.summary(), blocks, tensors, manager);
            System.out.printf("wrote %s (%s); sample it with: ganpoet sample %s%n", run, checkpoint.getFileName(), run);
        }
        return 0;
    }
}
