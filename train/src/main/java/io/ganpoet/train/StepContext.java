package io.ganpoet.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.loop.Initialization;
import io.ganpoet.train.loop.LoopSettings;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.optim.OptimizerSettings;
import io.ganpoet.train.report.ReportSettings;
import java.util.List;

/** What a model kind's step is built from. */
public final class StepContext {
    private final ExperimentConfig config;
    private final NDManager manager;
    private final List<Device> devices;
    private final LoopSettings loop;
    private final ReportSettings reports;
    private final Customization custom;

    StepContext(
            ExperimentConfig config,
            NDManager manager,
            List<Device> devices,
            LoopSettings loop,
            ReportSettings reports,
            Customization custom) {
        this.custom = custom;
        this.config = config;
        this.manager = manager;
        this.devices = devices;
        this.loop = loop;
        this.reports = reports;
    }

    /**
     * Returns the experiment.
     *
     * @return the configuration
     */
    public ExperimentConfig config() {
        return config;
    }

    /**
     * Returns the loop's settings.
     *
     * @return epochs, batch size, steps, seed, checkpoint cadence
     */
    public LoopSettings loop() {
        return loop;
    }

    /**
     * Returns the report settings.
     *
     * @return cadences and sample sizes
     */
    public ReportSettings reports() {
        return reports;
    }

    /**
     * Returns the manager the networks live in.
     *
     * @return the session's manager
     */
    public NDManager manager() {
        return manager;
    }

    /**
     * Images per shard: the batch size over the devices.
     *
     * @return the batch size over the number of devices
     */
    public int shardSize() {
        return loop.batchSize() / devices.size();
    }

    /**
     * Initialises a block (with the trainer's initializer, else DCGAN initialisation when {@code init:
     * dcgan}) and makes it a {@link TrainableNetwork} with the trainer's optimizer for {@code name},
     * else the Adam of {@code optimizer.<name>.*}.
     *
     * @param name the network's name: checkpoint files and config keys
     * @param block the uninitialised block
     * @param inputs its input shapes for one shard, batch axis included
     * @return the network
     */
    public TrainableNetwork network(String name, Block block, Shape... inputs) {
        custom.initializer().ifPresent(init -> block.setInitializer(init, Parameter.Type.WEIGHT));
        block.initialize(manager, DataType.FLOAT32, inputs);
        if (custom.initializer().isEmpty() && config.text("init").equals("dcgan")) {
            Initialization.dcgan(block);
        }
        Optimizer optimizer = custom.optimizers().containsKey(name)
                ? custom.optimizers().get(name)
                : OptimizerSettings.from(config, name).toOptimizer();
        return new TrainableNetwork(name, block, optimizer, manager, devices);
    }
}
