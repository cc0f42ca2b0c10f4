package io.ganpoet.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.gan.GanPictures;
import io.ganpoet.train.gan.GanSettings;
import io.ganpoet.train.gan.GanStep;
import io.ganpoet.train.loop.Initialization;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.optim.OptimizerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the equivalence tests share: configs, the Java trainer's step on given batches, job folders, metrics. */
final class Jobs {

    private Jobs() {}

    static ExperimentConfig config(String yaml) {
        return ExperimentConfig.parse(yaml, "test config");
    }

    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (io.ganpoet.train.config.ConfigKey key : io.ganpoet.train.config.ConfigSchema.CORE.keys()) {
            keys.add(key.name());
        }
        return keys;
    }

    /**
     * {@code python3 -m torch.distributed.run} (torchrun) arguments for {@code processes} local processes running the
     * twin's trainer. {@code --redirects 1 --tee 1}: Debian bookworm's torch 1.13 under Python 3.11 cannot parse the
     * default {@code 0} (Python 3.11's flag iteration skips it) and stops before starting a worker.
     */
    static List<String> torchrun(int processes, String... trainerArguments) {
        List<String> args = new ArrayList<>(List.of(
                "-m",
                "torch.distributed.run",
                "--standalone",
                "--nproc_per_node",
                Integer.toString(processes),
                "--redirects",
                "1",
                "--tee",
                "1",
                "-m",
                "ganpoet_torch.train"));
        args.addAll(List.of(trainerArguments));
        return args;
    }

    /** The engine seed ganpoet's loop sets before a global step. */
    static int stepSeed(long seed, long step) {
        long s = seed * 1_000_003L + step;
        return (int) (s ^ (s >>> 32));
    }

    /** A GAN's two networks, initialised as the trainer does, with the config's Adam. */
    static List<TrainableNetwork> networks(GanModel gan, ExperimentConfig config, NDManager manager, int batch) {
        Block d = gan.newDiscriminator();
        Block g = gan.newGenerator();
        d.initialize(manager, DataType.FLOAT32, gan.discriminatorInputShapes(batch));
        g.initialize(manager, DataType.FLOAT32, gan.generatorInputShapes(batch));
        Initialization.dcgan(d);
        Initialization.dcgan(g);
        List<Device> devices = List.of(manager.getDevice());
        return List.of(
                new TrainableNetwork(
                        "generator",
                        g,
                        OptimizerSettings.from(config, "generator").toOptimizer(),
                        manager,
                        devices),
                new TrainableNetwork(
                        "discriminator",
                        d,
                        OptimizerSettings.from(config, "discriminator").toOptimizer(),
                        manager,
                        devices));
    }

    static Map<String, Block> blocks(List<TrainableNetwork> networks) {
        Map<String, Block> blocks = new LinkedHashMap<>();
        for (TrainableNetwork n : networks) {
            blocks.put(n.name(), n.block());
        }
        return blocks;
    }

    /** A copy of the networks' weights (state-file tensors), taken now. */
    static Map<String, NDArray> snapshot(List<TrainableNetwork> networks) {
        Map<String, NDArray> copy = new LinkedHashMap<>();
        PyTorchExport.networks(blocks(networks)).forEach((k, v) -> copy.put(k, v.duplicate()));
        return copy;
    }

    /**
     * Runs GanStep for {@code steps} global steps on the given batches, reseeding the engine per step as the loop
     * does; records the latents it draws (replayed from the same seed) into {@code latents}.
     */
    static List<float[]> javaSteps(
            GanModel gan,
            List<TrainableNetwork> networks,
            ExperimentConfig config,
            List<NDArray> batches,
            List<NDArray> labels,
            Map<String, NDArray> latents,
            NDManager manager) {
        long seed = config.integer("seed");
        GanStep step = new GanStep(
                gan,
                networks.get(0),
                networks.get(1),
                GanSettings.from(config),
                new GanPictures(gan, networks.get(0), 4, seed, List.of()));
        List<float[]> metrics = new ArrayList<>();
        for (int s = 0; s < batches.size(); s++) {
            NDArray images = batches.get(s);
            long n = images.getShape().get(0);
            Engine.getInstance().setRandomSeed(stepSeed(seed, s));
            latents.put(
                    "z." + s, manager.randomNormal(0f, 1f, gan.latentShape(n), DataType.FLOAT32, manager.getDevice()));
            Engine.getInstance().setRandomSeed(stepSeed(seed, s));
            try (NDManager scope = manager.newSubManager()) {
                Batch batch = new Batch(
                        scope,
                        new NDList(images.duplicate()),
                        new NDList(labels.get(s).duplicate()),
                        (int) n,
                        Batchifier.STACK,
                        Batchifier.STACK,
                        s,
                        batches.size());
                metrics.add(step.trainBatch(List.of(batch)).valuesOf(step.metricNames()));
            }
        }
        return metrics;
    }

    /** The trainer's metrics.csv: one row of {loss_d, loss_g, d_real, d_fake} per step. */
    static List<double[]> metrics(Path csv) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new double[] {
                Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])
            });
        }
        return rows;
    }

    /** The largest relative difference between two state files' tensors under the same names (networks only). */
    static double weightDifference(Map<String, NDArray> a, Map<String, NDArray> b, String prefix) {
        double worst = 0;
        for (Map.Entry<String, NDArray> e : a.entrySet()) {
            if (!e.getKey().startsWith(prefix)
                    || e.getKey().endsWith("running_mean")
                    || e.getKey().endsWith("running_var")) {
                continue;
            }
            NDArray other = b.get(e.getKey());
            if (other == null) {
                throw new AssertionError("no " + e.getKey() + " in the other state");
            }
            NDArray x = e.getValue().toType(DataType.FLOAT32, false);
            NDArray y = other.toType(DataType.FLOAT32, false);
            float scale = Math.max(x.abs().max().getFloat(), 1e-6f);
            worst = Math.max(worst, x.sub(y).abs().max().getFloat() / scale);
        }
        return worst;
    }
}
