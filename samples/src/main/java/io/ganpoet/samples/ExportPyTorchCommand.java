package io.ganpoet.samples;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.ganpoet.pytorch.PyTorchExport;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.run.TrainedRun;
import io.ganpoet.train.config.ConfigKey;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.loop.Initialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ganpoet export-pytorch}: a GAN's torchrun job folder (twin, trainer, config, data, starting weights). */
@Command(
        name = "export-pytorch",
        mixinStandardHelpOptions = true,
        description = {
            "Write a folder a torchrun job trains from: the spec's PyTorch twin, the ganpoet_torch trainer, the resolved",
            "experiment (config.json, config.yaml), the training images (data.safetensors) and the starting state",
            "(init.safetensors): ganpoet's initialisation for the seed, or --from-run's newest checkpoint (weights, Adam",
            "moments, position). Then: cd OUT && torchrun --nproc_per_node N -m ganpoet_torch.train .",
            "and back: ganpoet import-pytorch OUT/checkpoints/step-….safetensors --config OUT/config.yaml --run DIR"
        })
final class ExportPyTorchCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The job folder to write.")
    Path out;

    @Option(
            names = "--model",
            description = "Spec: fashion, fashion-conditional, faces or dcgan (default: the config's, else fashion).")
    String model;

    @Option(
            names = "--from-run",
            paramLabel = "RUN_DIR",
            description = "Start from this ganpoet run's newest checkpoint,"
                    + " with its recorded settings (--config, --model and --set are then refused).")
    Path fromRun;

    @Option(names = "--no-data", description = "Write no data.safetensors (the job then needs --batches).")
    boolean noData;

    @Mixin
    RunOptions options = new RunOptions();

    @Override
    public Integer call() throws IOException {
        options.checkPaths();
        if (options.run != null) {
            throw new IllegalArgumentException("export-pytorch writes a job folder, not a run; give it with --out DIR"
                    + " (and a run to start from with --from-run DIR)");
        }
        ExperimentConfig config;
        if (fromRun != null) {
            if (options.config != null || model != null || !options.overrides.isEmpty()) {
                throw new IllegalArgumentException("--from-run " + fromRun
                        + " exports that run with its recorded settings;" + " leave out --config, --model and --set");
            }
            TrainedRun run = TrainedRun.open(fromRun).requireKind(TrainedRun.Kind.GAN);
            config = ExperimentConfig.parse(
                    run.configYaml(), run.checkpoint().resolve("config.yaml").toString(), AppConfig.SCHEMA);
        } else {
            config = options.load(
                    null, model, () -> GanRuns.shippedConfig(model != null ? model : "fashion"), ModelKinds.GAN);
        }
        GanModel gan = Models.named(config.text("model"));
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Block> blocks = new LinkedHashMap<>();
            // the trainer's order and seed: the same initial weights a ganpoet run of this config starts from
            Engine.getInstance().setRandomSeed(config.integer("seed"));
            blocks.put("generator", gan.newGenerator());
            blocks.get("generator").initialize(manager, DataType.FLOAT32, gan.generatorInputShapes(1));
            if (config.text("init").equals("dcgan")) {
                Initialization.dcgan(blocks.get("generator"));
            }
            blocks.put("discriminator", gan.newDiscriminator());
            blocks.get("discriminator").initialize(manager, DataType.FLOAT32, gan.discriminatorInputShapes(1));
            if (config.text("init").equals("dcgan")) {
                Initialization.dcgan(blocks.get("discriminator"));
            }
            Map<String, NDArray> state = fromRun != null
                    ? PyTorchExport.checkpoint(fromRun, blocks, manager)
                    : PyTorchExport.networks(blocks);
            java.util.List<String> keys =
                    AppConfig.SCHEMA.keys().stream().map(ConfigKey::name).toList();
            String twin = gan.getClass().getName().replace('.', '/') + ".py";
            PyTorchExport.writeJob(
                    out,
                    config,
                    keys,
                    twin,
                    gan.getClass().getClassLoader(),
                    state,
                    noData ? null : GanRuns.loadData(config, gan),
                    manager);
            Files.writeString(out.resolve("config.yaml"), config.toYaml(), StandardCharsets.UTF_8);
        }
        System.out.printf(
                "wrote %s; train with: cd %s && torchrun --nproc_per_node 2 -m ganpoet_torch.train .%n", out, out);
        return 0;
    }
}
