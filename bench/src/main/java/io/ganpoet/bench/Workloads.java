package io.ganpoet.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.kernels.ConvKernels;
import io.ganpoet.runtime.kernels.KernelPolicy;
import io.ganpoet.runtime.nn.LogitsBlock;
import io.ganpoet.runtime.nn.TransposedConv2d;
import io.ganpoet.samples.specs.DcganGan;
import io.ganpoet.samples.specs.FashionGan;
import io.ganpoet.train.gan.GanLoss;
import io.ganpoet.train.gan.GanPictures;
import io.ganpoet.train.gan.GanSettings;
import io.ganpoet.train.gan.GanStep;
import io.ganpoet.train.loop.Initialization;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.optim.OptimizerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What the benchmarks time, shared by the JMH benchmarks and {@link Interleaved}: each workload
 * is one operation on arrays made in its constructor; {@link #check} compares a variant's output
 * with the anchor's before anything is timed.
 */
abstract class Workloads implements AutoCloseable {

    /** Batch of the whole-network and training-step workloads. */
    static final int NETWORK_BATCH = 16;
    /** Batch of the single-layer workloads (the DCGAN generator's four strided layers). */
    static final int LAYER_BATCH = 64;

    final NDManager manager = NDManager.newBaseManager();

    /** Runs the operation once and returns something that depends on it. */
    abstract float run();

    /** The output the anchor's is compared with, computed on fixed inputs, or {@code null}. */
    NDArray output() {
        return null;
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * Throws unless two workloads' outputs agree to {@code tolerance} (max abs difference).
     *
     * @return the max abs difference
     */
    static float check(Workloads a, Workloads b, float tolerance, String what) {
        NDArray x = a.output();
        NDArray y = b.output();
        float diff = x.sub(y).abs().max().getFloat();
        if (!(diff <= tolerance)) {
            throw new IllegalStateException(what + ": outputs differ by " + diff + " (tolerance " + tolerance + ")");
        }
        return diff;
    }

    // ---------------------------------------------------------------- one transposed convolution

    /**
     * A DCGAN generator layer {@code "512x256@4"} (k4 s2 p1, C_in x C_out @ input size):
     * {@code ganpoet} ({@code TransposedConv2d}) or {@code libtorch} (the same TorchScript
     * {@code conv_transpose2d} called directly on plain arrays, no block around it).
     */
    static Workloads layer(String layer, String variant, boolean backward) {
        String[] channels = layer.substring(0, layer.indexOf('@')).split("x");
        int cin = Integer.parseInt(channels[0]);
        int cout = Integer.parseInt(channels[1]);
        int size = Integer.parseInt(layer.substring(layer.indexOf('@') + 1));
        return new Layer(cin, cout, size, variant, backward);
    }

    private static final class Layer extends Workloads {
        private final boolean backward;
        private final NDArray input;
        private final NDArray weight;
        private final NDArray params;
        private final TransposedConv2d block;
        private final ParameterStore store;
        private final PtSymbolBlock module;

        Layer(int cin, int cout, int size, String variant, boolean backward) {
            this.backward = backward;
            Engine.getInstance().setRandomSeed(7);
            input = manager.randomNormal(new Shape(LAYER_BATCH, cin, size, size));
            input.setRequiresGradient(backward);
            Engine.getInstance().setRandomSeed(8);
            NDArray values = manager.randomNormal(0f, 0.02f, new Shape(cin, cout, 4, 4), DataType.FLOAT32);
            store = new ParameterStore(manager, false);
            if (variant.equals("libtorch")) {
                weight = values;
                weight.setRequiresGradient(backward);
                try (NDArray p = manager.create(new long[] {1, 2, 2, 1, 1, 0, 0, 1, 1, 1, 0})) {
                    params = p.duplicate();
                }
                module = load(manager, io.ganpoet.runtime.kernels.ConvKernels.class, "conv2d_default.pt");
                block = null;
            } else {
                block = TransposedConv2d.builder()
                        .setKernelShape(new Shape(4, 4))
                        .setFilters(cout)
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .optBias(false)
                        .build();
                block.initialize(manager, DataType.FLOAT32, input.getShape());
                weight = block.getParameters().get("weight").getArray();
                weight.set(new NDIndex(":"), values);
                params = null;
                module = null;
            }
        }

        private NDArray forward(boolean training) {
            if (block != null) {
                return block.forward(store, new NDList(input), training).singletonOrThrow();
            }
            return IValueUtils.forward(module, new NDList(input, weight, weight, params), true)
                    .singletonOrThrow();
        }

        @Override
        float run() {
            try (NDManager step = manager.newSubManager()) {
                if (!backward) {
                    NDArray out = forward(false);
                    out.attach(step);
                    return out.getShape().get(1);
                }
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray out = forward(true);
                    out.attach(step);
                    NDArray loss = out.sum();
                    loss.attach(step);
                    collector.backward(loss);
                }
                zeroGrad(input);
                zeroGrad(weight);
                return 1f;
            }
        }

        @Override
        NDArray output() {
            return forward(false);
        }
    }

    // ---------------------------------------------------------------- whole networks

    /**
     * The DCGAN discriminator ({@code "discriminator"}, logits) or generator, forward and backward
     * on a fixed batch: {@code generated} (ganpoet's block), {@code libtorch} (the same network and
     * weights as TorchScript).
     */
    static Workloads network(String network, String variant) {
        return new WholeNetwork(network.equals("discriminator"), variant);
    }

    private static final class WholeNetwork extends Workloads {
        private final boolean discriminator;
        private final Block block;
        private final NDArray input;
        private final ParameterStore store;

        WholeNetwork(boolean discriminator, String variant) {
            this.discriminator = discriminator;
            GanModel model = new DcganGan();
            Engine.getInstance().setRandomSeed(1);
            Block generated = discriminator ? model.newDiscriminator() : model.newGenerator();
            Shape inputShape = discriminator ? model.imageShape(NETWORK_BATCH) : model.latentShape(NETWORK_BATCH);
            generated.initialize(manager, DataType.FLOAT32, inputShape);
            Initialization.dcgan(generated);
            block = variant.equals("libtorch")
                    ? new ScriptedNetwork(
                            discriminator ? "dcgan_d.pt" : "dcgan_g.pt", generated, discriminator, manager)
                    : generated;
            input = discriminator ? manager.randomUniform(-1f, 1f, inputShape) : manager.randomNormal(inputShape);
            input.setRequiresGradient(discriminator); // D's input gradient is what G's step needs
            store = new ParameterStore(manager, false);
        }

        private NDArray forward() {
            return discriminator
                    ? ((LogitsBlock) block).logits(store, input, true)
                    : block.forward(store, new NDList(input), true).singletonOrThrow();
        }

        @Override
        float run() {
            try (NDManager step = manager.newSubManager()) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray out = forward();
                    out.attach(step);
                    NDArray loss = out.mean();
                    loss.attach(step);
                    collector.backward(loss);
                }
                block.getParameters().forEach(p -> zeroGrad(p.getValue().getArray()));
                if (discriminator) {
                    zeroGrad(input);
                }
                return 1f;
            }
        }

        @Override
        NDArray output() {
            // Training-mode batch norm moves the running statistics; outputs use batch statistics only.
            return forward();
        }
    }

    // ---------------------------------------------------------------- one GAN training step

    /**
     * One full GAN step (D on real and fake, G through D; BCE from logits; Adam): {@code
     * generated}, {@code handBuilt} (the same networks from DJL builders) or {@code libtorch} (the
     * generated blocks' parameters run as TorchScript).
     */
    static Workloads step(String variant) {
        GanModel model = variant.equals("handBuilt") ? new HandBuiltDcgan() : new DcganGan();
        return new Step(model, NETWORK_BATCH, variant.equals("libtorch"), null);
    }

    /**
     * The default model's GAN step ({@code ./ganpoet train}: Fashion, batch 64) under a kernel
     * policy: {@code unchecked} (libtorch's default kernels as they are), {@code checked} (the
     * kernel check, with whatever it reroutes on this machine) or {@code trusted} (ganpoet's
     * im2col kernel everywhere). The policy is set before every step, so the sides can alternate.
     */
    static Workloads kernelStep(String variant) {
        return new Step(new FashionGan(), DEFAULT_BATCH, false, KernelPolicy.parse(variant, "side"));
    }

    /** {@link #kernelStep} for the DCGAN pair at batch 16, whose heads the check reroutes on an affected CPU. */
    static Workloads dcganKernelStep(String variant) {
        return new Step(new DcganGan(), NETWORK_BATCH, false, KernelPolicy.parse(variant, "side"));
    }

    /** The default model's checked step at another batch size (the check's cost on fresh signatures). */
    static Workloads kernelStepAt(int batch) {
        return new Step(new FashionGan(), batch, false, KernelPolicy.CHECKED);
    }

    /** ./ganpoet train's batch size. */
    static final int DEFAULT_BATCH = 64;

    private static final class Step extends Workloads {
        private final GanStep step;
        private final NDArray images;
        private final int batch;
        private final KernelPolicy policy;

        Step(GanModel model, int batch, boolean scripted, KernelPolicy policy) {
            this.batch = batch;
            this.policy = policy;
            if (policy != null) {
                ConvKernels.setPolicy(policy);
            }
            Engine.getInstance().setRandomSeed(1);
            Block g = model.newGenerator();
            Block d = model.newDiscriminator();
            g.initialize(manager, DataType.FLOAT32, model.latentShape(batch));
            d.initialize(manager, DataType.FLOAT32, model.imageShape(batch));
            Initialization.dcgan(g);
            Initialization.dcgan(d);
            if (scripted) {
                g = new ScriptedNetwork("dcgan_g.pt", g, false, manager);
                d = new ScriptedNetwork("dcgan_d.pt", d, true, manager);
            }
            OptimizerSettings adam = new OptimizerSettings(2e-4, 0.5, 0.999);
            List<Device> cpu = List.of(Device.cpu());
            TrainableNetwork generator = new TrainableNetwork("generator", g, adam.toOptimizer(), manager, cpu);
            step = new GanStep(
                    model,
                    generator,
                    new TrainableNetwork("discriminator", d, adam.toOptimizer(), manager, cpu),
                    new GanSettings(GanLoss.BCE, 0f, 1, 0f, true),
                    new GanPictures(model, generator, batch, 1, List.of()));
            images = manager.randomUniform(-1f, 1f, model.imageShape(batch));
        }

        @Override
        float run() {
            if (policy != null) {
                ConvKernels.setPolicy(policy);
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray real = images.duplicate();
                real.attach(scope);
                Batch shard = new Batch(
                        scope, new NDList(real), new NDList(), batch, Batchifier.STACK, Batchifier.STACK, 0, 0);
                return step.trainBatch(List.of(shard)).get("loss_d");
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static PtSymbolBlock load(NDManager manager, Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            return JniUtils.loadModule((PtNDManager) manager, in, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void zeroGrad(NDArray array) {
        if (array.hasGradient()) {
            JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) array);
        }
    }
}
