package io.ganpoet.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import ai.djl.util.Pair;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.samples.specs.DcganGan;
import io.ganpoet.samples.specs.FashionGan;
import io.ganpoet.train.gan.GanLoss;
import io.ganpoet.train.gan.GanPictures;
import io.ganpoet.train.gan.GanSettings;
import io.ganpoet.train.gan.GanStep;
import io.ganpoet.train.loop.Initialization;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.optim.OptimizerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts backward passes that leave a non-finite gradient: {@code NanProbe NETWORK PASSES
 * THREADS}, run without {@code MALLOC_PERTURB_} (README, "CPU notes"; docs/NOTES.md).
 *
 * <ul>
 *   <li>{@code two-conv}: the probe that first showed NaN input gradients: conv k4 s2 p1 (1→32)
 *       then conv k4 to one filter, on a (64, 1, 28, 28) input that requires its gradient.
 *   <li>{@code fashion-d}, {@code dcgan-d}: a generated discriminator (1-filter heads: k7 and
 *       k4), batch 64, input gradient included (the generator's step needs it).
 *   <li>{@code fashion-gan}: full GAN steps of the Fashion pair, batch 64; a pass is bad when a
 *       loss or a parameter is non-finite afterwards.
 * </ul>
 *
 * Every gradient is checked after every pass (its sum is finite exactly when all its elements
 * are; NaN and ±∞ both propagate), then zeroed with libtorch's {@code zero_()} as training does.
 */
public final class NanProbe {

    private NanProbe() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: NanProbe two-conv|fashion-d|dcgan-d|fashion-gan PASSES THREADS");
            System.exit(2);
        }
        String network = args[0];
        int passes = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
        Engine.getInstance().setRandomSeed(1);
        long start = System.nanoTime();
        int bad;
        try (NDManager manager = NDManager.newBaseManager()) {
            bad = network.equals("fashion-gan") ? ganSteps(manager, passes) : backwardPasses(manager, network, passes);
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d of %d passes with a non-finite gradient; %d threads, MALLOC_PERTURB_=%s, %.0f s%n",
                network,
                bad,
                passes,
                threads,
                System.getenv("MALLOC_PERTURB_"),
                (System.nanoTime() - start) / 1e9);
        System.exit(bad == 0 ? 0 : 1);
    }

    private static int backwardPasses(NDManager manager, String network, int passes) {
        List<NDArray> checked = new ArrayList<>();
        NDArray input;
        java.util.function.Function<NDManager, NDArray> forward;
        if (network.equals("two-conv")) {
            input = manager.randomNormal(new Shape(64, 1, 28, 28));
            NDArray w1 = manager.randomNormal(0f, 0.02f, new Shape(32, 1, 4, 4), DataType.FLOAT32);
            NDArray w2 = manager.randomNormal(0f, 0.02f, new Shape(1, 32, 4, 4), DataType.FLOAT32);
            w1.setRequiresGradient(true);
            w2.setRequiresGradient(true);
            checked.add(w1);
            checked.add(w2);
            forward = scope -> {
                NDArray h = Conv2d.conv2d(input, w1, null, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), 1)
                        .singletonOrThrow();
                return Conv2d.conv2d(h, w2).singletonOrThrow();
            };
        } else {
            GanModel model = network.equals("dcgan-d") ? new DcganGan() : new FashionGan();
            Block d = model.newDiscriminator();
            d.initialize(manager, DataType.FLOAT32, model.imageShape(64));
            Initialization.dcgan(d);
            for (Pair<String, Parameter> p : d.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    checked.add(p.getValue().getArray());
                }
            }
            input = manager.randomUniform(-1f, 1f, model.imageShape(64));
            ParameterStore store = new ParameterStore(manager, false);
            forward = scope -> d.forward(store, new NDList(input), true).singletonOrThrow();
        }
        input.setRequiresGradient(true);
        checked.add(input);
        int bad = 0;
        for (int i = 0; i < passes; i++) {
            try (NDManager scope = manager.newSubManager()) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray out = forward.apply(scope);
                    out.attach(scope);
                    NDArray loss = out.mean();
                    loss.attach(scope);
                    collector.backward(loss);
                }
                boolean finite = true;
                for (NDArray array : checked) {
                    try (NDArray grad = array.getGradient();
                            NDArray sum = grad.sum()) {
                        finite &= Float.isFinite(sum.getFloat());
                    }
                    Workloads.zeroGrad(array);
                }
                if (!finite) {
                    bad++;
                }
            }
            if ((i + 1) % 1000 == 0) {
                System.out.printf("%s: %d passes, %d bad so far%n", network, i + 1, bad);
            }
        }
        return bad;
    }

    private static int ganSteps(NDManager manager, int passes) {
        GanModel model = new FashionGan();
        Block g = model.newGenerator();
        Block d = model.newDiscriminator();
        g.initialize(manager, DataType.FLOAT32, model.latentShape(64));
        d.initialize(manager, DataType.FLOAT32, model.imageShape(64));
        Initialization.dcgan(g);
        Initialization.dcgan(d);
        OptimizerSettings adam = new OptimizerSettings(2e-4, 0.5, 0.999);
        List<Device> cpu = List.of(Device.cpu());
        TrainableNetwork generator = new TrainableNetwork("generator", g, adam.toOptimizer(), manager, cpu);
        GanStep step = new GanStep(
                model,
                generator,
                new TrainableNetwork("discriminator", d, adam.toOptimizer(), manager, cpu),
                new GanSettings(GanLoss.BCE, 0f, 1, 0f, true),
                new GanPictures(model, generator, 16, 1, List.of()));
        NDArray images = manager.randomUniform(-1f, 1f, model.imageShape(64));
        for (int i = 0; i < passes; i++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray real = images.duplicate();
                real.attach(scope);
                Batch shard =
                        new Batch(scope, new NDList(real), new NDList(), 64, Batchifier.STACK, Batchifier.STACK, 0, 0);
                boolean finite = true;
                for (float v : step.trainBatch(List.of(shard)).valuesOf(step.metricNames())) {
                    finite &= Float.isFinite(v);
                }
                for (Block block : new Block[] {d, g}) {
                    for (Pair<String, Parameter> p : block.getParameters()) {
                        try (NDArray sum = p.getValue().getArray().sum()) {
                            finite &= Float.isFinite(sum.getFloat());
                        }
                    }
                }
                if (!finite) {
                    System.out.println("non-finite after step " + i);
                    return 1;
                }
            }
        }
        return 0;
    }
}
