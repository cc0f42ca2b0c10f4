package io.ganpoet.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Batch;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.run.Latents;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.runtime.nn.LogitsBlock;
import io.ganpoet.runtime.nn.Scalars;
import io.ganpoet.train.report.Chart;
import io.ganpoet.runtime.image.ImageGrid;
import io.ganpoet.train.report.Picture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One adversarial step, in the two phases of PyTorch's DCGAN example: (1) update D on a real
 * batch (target 1, or 1 − s with label smoothing) and on a generated batch cut from G's graph
 * (target 0); (2) update G through D on the same fake batch (or a fresh one) with target 1. With
 * WGAN-GP the critic takes {@code criticSteps} steps per generator step and its loss carries the
 * gradient penalty.
 *
 * <p>Each network has its own optimizer ({@link Network}), so a phase only updates its own
 * network; D's gradients are zeroed before its backward pass because G's backward pass in phase
 * (2) runs through D and leaves gradients there.
 *
 * <p>A conditional model ({@link GanModel#classes()} &gt; 0) gets labels on both sides: D sees the
 * real images with the batch's own labels and the fakes with the labels they were generated for;
 * those are drawn uniformly over the classes from the engine's generator (reseeded every step, so
 * a resumed run draws the same ones), or are the real batch's labels ({@link FakeLabels#BATCH}).
 * The gradient penalty scores its interpolates with the real batch's labels. The progress picture
 * has one row per class, labelled with the class names when they are known.
 */
public final class GanStep implements TrainingStep {

    /** The labels a conditional generator is asked for during training. */
    public enum FakeLabels {
        /** Uniform over the classes, from the engine's random generator. */
        UNIFORM,
        /** The real batch's own labels (the generated batch has the data's class balance). */
        BATCH;

        /**
         * {@code uniform} or {@code batch}.
         *
         * @param name the name
         * @return the policy
         */
        public static FakeLabels fromName(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private final GanModel model;
    private final Network generator;
    private final Network discriminator;
    private final GanSettings settings;
    private final DiscriminatorOutput output;
    private final int gridCount;
    private final long seed;
    private final int classes;
    private final List<String> classNames;
    /** The fake batches of the last critic step, graph kept, for a same-batch generator step. */
    private List<NDArray> lastFakes = List.of();
    /** The labels {@link #lastFakes} were generated for (conditional models). */
    private List<NDArray> lastFakeLabels = List.of();

    /**
     * @param model the pair's facts (latent and image shapes, discriminator output)
     * @param generator G with its optimizer and replicas
     * @param discriminator D with its optimizer and replicas
     * @param settings loss, smoothing, critic steps, penalty, fake-batch reuse
     * @param gridCount images in the progress picture
     * @param seed seeds the picture's fixed latents
     */
    public GanStep(GanModel model, Network generator, Network discriminator, GanSettings settings, int gridCount, long seed) {
        this(model, generator, discriminator, settings, gridCount, seed, List.of());
    }

    /**
     * @param model the pair's facts (latent and image shapes, discriminator output, classes)
     * @param generator G with its optimizer and replicas
     * @param discriminator D with its optimizer and replicas
     * @param settings loss, smoothing, critic steps, penalty, fake-batch reuse, fake labels
     * @param gridCount images in the progress picture (a conditional model's: per class, rounded up)
     * @param seed seeds the picture's fixed latents
     * @param classNames the names of the classes, for the picture's rows; empty when unknown
     */
    public GanStep(GanModel model, Network generator, Network discriminator, GanSettings settings, int gridCount, long seed,
            List<String> classNames) {
        this.model = model;
        this.classes = model.classes();
        this.classNames = List.copyOf(classNames);
        this.generator = generator;
        this.discriminator = discriminator;
        this.settings = settings;
        this.gridCount = gridCount;
        this.seed = seed;
        // A sigmoid discriminator that can give its logits is trained from the logits (stable BCE).
        this.output = discriminator.block() instanceof LogitsBlock ? DiscriminatorOutput.LOGIT : model.discriminatorOutput();
    }

    @Override
    public List<String> metricNames() {
        return List.of("loss_d", "loss_g", "d_real", "d_fake");
    }

    @Override
    public List<Chart> charts() {
        return List.of(
                new Chart("losses", "Losses", "loss", List.of("loss_d", "loss_g")),
                new Chart("discriminator", "Discriminator: D(x) and D(G(z))", "mean D output", List.of("d_real", "d_fake")));
    }

    @Override
    public List<Network> networks() {
        return List.of(generator, discriminator);
    }

    @Override
    public float[] step(List<Batch> shards) {
        List<NDArray> reals = new ArrayList<>();
        List<NDArray> labels = classes > 0 ? new ArrayList<>() : null;
        for (Batch shard : shards) {
            reals.add(shard.getData().head());
            if (labels != null) {
                labels.add(shard.getLabels().head());
            }
        }
        float[] d = updateDiscriminator(reals, labels);
        float lossG = updateGenerator(reals, labels);
        return new float[] {d[0], lossG, d[1], d[2]};
    }

    /** Phase (1) of an unconditional model. */
    float[] updateDiscriminator(List<NDArray> reals) {
        return updateDiscriminator(reals, null);
    }

    /**
     * Phase (1): returns {loss_d, D(x), D(G(z))} of the last critic step.
     *
     * @param reals one real batch per shard
     * @param labels their labels (conditional models), else {@code null}
     */
    float[] updateDiscriminator(List<NDArray> reals, List<NDArray> labels) {
        int k = reals.size();
        float[] metrics = new float[3];
        for (int critic = 0; critic < settings.criticSteps(); critic++) {
            // The last critic step keeps its fakes' graph when G reuses them in phase (2).
            boolean keepFakes = settings.sameFakeBatch() && critic == settings.criticSteps() - 1;
            List<NDArray> fakes = new ArrayList<>();
            List<NDArray> fakeLabels = fakeLabels(reals, labels);
            if (!keepFakes) {
                generateInto(fakes, reals, fakeLabels); // outside the collector: no graph is recorded
            }
            float lossSum = 0;
            float realSum = 0;
            float fakeSum = 0;
            discriminator.zeroGradients();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                if (keepFakes) {
                    generateInto(fakes, reals, fakeLabels);
                }
                NDArray[] penalties = new NDArray[k];
                if (settings.loss() == GanLoss.WGAN_GP && settings.gradientPenalty() > 0) {
                    for (int i = 0; i < k; i++) {
                        penalties[i] = gradientPenalty(i, reals.get(i), fakes.get(i).stopGradient(), labelOf(labels, i));
                    }
                    // Their create_graph backward passes left d(sum D)/dθ on D's parameters; drop
                    // those before any loss is back-propagated.
                    discriminator.zeroGradients();
                }
                for (int i = 0; i < k; i++) {
                    NDArray realOut = discriminate(i, reals.get(i), labelOf(labels, i));
                    NDArray fakeOut = discriminate(i, fakes.get(i).stopGradient(), labelOf(fakeLabels, i));
                    NDArray loss = settings.loss().discriminator(realOut, fakeOut, output, 1f - settings.labelSmoothing());
                    if (penalties[i] != null) {
                        loss = loss.add(Scalars.mul(penalties[i], settings.gradientPenalty()));
                    }
                    collector.backward(Scalars.div(loss, k));
                    lossSum += loss.getFloat();
                    realSum += settings.loss().meanOutput(realOut, output);
                    fakeSum += settings.loss().meanOutput(fakeOut, output);
                }
            }
            discriminator.update();
            metrics[0] = lossSum / k;
            metrics[1] = realSum / k;
            metrics[2] = fakeSum / k;
            lastFakes = keepFakes ? fakes : List.of();
            lastFakeLabels = keepFakes && fakeLabels != null ? fakeLabels : List.of();
        }
        return metrics;
    }

    /** Phase (2) of an unconditional model. */
    float updateGenerator(List<NDArray> reals) {
        return updateGenerator(reals, null);
    }

    /**
     * Phase (2): returns loss_g.
     *
     * @param reals one real batch per shard (their sizes; a fresh fake batch's labels)
     * @param labels their labels (conditional models), else {@code null}
     */
    float updateGenerator(List<NDArray> reals, List<NDArray> labels) {
        int k = reals.size();
        float lossSum = 0;
        boolean reuse = !lastFakes.isEmpty();
        List<NDArray> fakeLabels = reuse ? (lastFakeLabels.isEmpty() ? null : lastFakeLabels) : fakeLabels(reals, labels);
        generator.zeroGradients();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (int i = 0; i < k; i++) {
                NDArray fake = reuse ? lastFakes.get(i) : generate(i, reals.get(i), labelOf(fakeLabels, i));
                NDArray loss = settings.loss().generator(discriminate(i, fake, labelOf(fakeLabels, i)), output);
                collector.backward(Scalars.div(loss, k));
                lossSum += loss.getFloat();
            }
        }
        generator.update();
        lastFakes = List.of();
        lastFakeLabels = List.of();
        return lossSum / k;
    }

    /**
     * The labels the generator is asked for, one array per shard; {@code null} for an unconditional
     * model. Uniform labels come from the engine's generator, on the shard's device.
     */
    private List<NDArray> fakeLabels(List<NDArray> reals, List<NDArray> labels) {
        if (classes == 0) {
            return null;
        }
        if (settings.fakeLabels() == FakeLabels.BATCH) {
            return labels;
        }
        List<NDArray> drawn = new ArrayList<>();
        for (NDArray real : reals) {
            drawn.add(real.getManager().randomInteger(0, classes, new Shape(real.getShape().get(0)), DataType.INT32)
                    .toDevice(real.getDevice(), false));
        }
        return drawn;
    }

    private static NDArray labelOf(List<NDArray> labels, int shard) {
        return labels == null ? null : labels.get(shard);
    }

    private void generateInto(List<NDArray> fakes, List<NDArray> reals, List<NDArray> fakeLabels) {
        for (int i = 0; i < reals.size(); i++) {
            fakes.add(generate(i, reals.get(i), labelOf(fakeLabels, i)));
        }
    }

    /**
     * G (in training mode: batch statistics) on a fresh latent batch the size of {@code real}, for
     * {@code labels} when the model is conditional.
     */
    private NDArray generate(int shard, NDArray real, NDArray labels) {
        Shape shape = model.latentShape(real.getShape().get(0));
        NDArray z = real.getManager().randomNormal(0f, 1f, shape, real.getDataType(), real.getDevice());
        return generator.forward(shard, inputs(z, labels), true).singletonOrThrow();
    }

    private NDArray discriminate(int shard, NDArray images, NDArray labels) {
        if (discriminator.block() instanceof LogitsBlock scores) {
            return scores.logits(discriminator.store(shard), inputs(images, labels), true);
        }
        return discriminator.forward(shard, inputs(images, labels), true).singletonOrThrow();
    }

    private static NDList inputs(NDArray x, NDArray labels) {
        return labels == null ? new NDList(x) : new NDList(x, labels);
    }

    /**
     * WGAN-GP's penalty: mean over the batch of (‖∇ D(x̂)‖₂ − 1)² at random interpolates x̂ of
     * real and fake images. The gradient is taken with a graph (PyTorch's create_graph) so the
     * penalty itself can be differentiated with respect to D's parameters; DJL's collector has no
     * such call, so this goes to the engine directly.
     */
    NDArray gradientPenalty(int shard, NDArray real, NDArray fake) {
        return gradientPenalty(shard, real, fake, null);
    }

    /** The penalty of a conditional critic: interpolates are scored with the real batch's labels. */
    NDArray gradientPenalty(int shard, NDArray real, NDArray fake, NDArray labels) {
        long n = real.getShape().get(0);
        NDArray alpha = real.getManager().randomUniform(0f, 1f, new Shape(n, 1, 1, 1), real.getDataType(), real.getDevice());
        NDArray mixed = real.mul(alpha).add(fake.mul(Scalars.rsub(1f, alpha))).stopGradient();
        mixed.setRequiresGradient(true);
        NDArray score = discriminate(shard, mixed, labels).sum();
        NDArray ones = real.getManager().ones(score.getShape(), score.getDataType(), score.getDevice());
        JniUtils.backward((PtNDArray) score, (PtNDArray) ones, true, true);
        NDArray gradient = mixed.getGradient().reshape(n, -1);
        return gradient.square().sum(new int[] {1}).add(1e-12f).sqrt().sub(1f).square().mean();
    }

    /**
     * Generates images without recording gradients or updating batch-norm statistics.
     *
     * @param z latents {@code (N, latent, ...)}
     * @return images {@code (N, C, H, W)} in [-1, 1]
     */
    public NDArray sample(NDArray z) {
        if (classes > 0) {
            return sample(z, balancedLabels(z.getManager(), (int) z.getShape().get(0), classes));
        }
        return generator.forward(0, z, false);
    }

    /**
     * Generates images of the given classes (a conditional model), in inference mode.
     *
     * @param z latents {@code (N, latent, ...)}
     * @param labels {@code (N)} class indices
     * @return images {@code (N, C, H, W)} in [-1, 1]
     */
    public NDArray sample(NDArray z, NDArray labels) {
        return generator.forward(0, new NDList(z, labels), false).singletonOrThrow();
    }

    /**
     * G on one fixed latent batch: the same images on every machine and after a resume. For a
     * conditional model, one row per class, the same latents in every row (a column shows one
     * latent drawn as each class), each row labelled with its class's name when known.
     */
    @Override
    public Optional<Picture> picture() {
        if (classes > 0) {
            int columns = Math.max(1, (gridCount + classes - 1) / classes);
            return Optional.of(scope -> {
                NDArray latents = fixedLatents(scope, model.latentShape(), columns, seed);
                NDArray z = latents.tile(tileCounts(latents, classes));
                return ImageGrid.renderRows(sample(z, classRows(scope, classes, columns)), columns, 2, rowNames());
            });
        }
        return Optional.of(scope -> ImageGrid.render(sample(fixedLatents(scope, model.latentShape(), gridCount, seed)),
                ImageGrid.columnsFor(gridCount), 2));
    }

    /**
     * Row labels of a class grid: the class names, or {@code class k} when the data has none.
     *
     * @return one name per class
     */
    public List<String> rowNames() {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add(k < classNames.size() ? classNames.get(k) : "class " + k);
        }
        return names;
    }

    private static long[] tileCounts(NDArray latents, int times) {
        long[] counts = new long[latents.getShape().dimension()];
        java.util.Arrays.fill(counts, 1);
        counts[0] = times;
        return counts;
    }

    /**
     * Labels {@code 0,…,0, 1,…,1, …}: {@code perClass} of each class in turn ({@link Latents#classRows}).
     *
     * @param manager where the labels live
     * @param classes the number of classes
     * @param perClass labels per class
     * @return the labels
     */
    public static NDArray classRows(NDManager manager, int classes, int perClass) {
        return Latents.classRows(manager, classes, perClass);
    }

    /**
     * Labels {@code 0, 1, …, classes − 1, 0, 1, …}: every class equally often ({@link Latents#balancedLabels}).
     *
     * @param manager where the labels live
     * @param count how many labels
     * @param classes the number of classes
     * @return the labels
     */
    public static NDArray balancedLabels(NDManager manager, int count, int classes) {
        return Latents.balancedLabels(manager, count, classes);
    }

    /**
     * The fixed latents for a model and seed ({@link Latents#fixed}).
     *
     * @param manager where the latents live
     * @param latentShape one latent's shape
     * @param count how many
     * @param seed the seed
     * @return the latents
     */
    public static NDArray fixedLatents(NDManager manager, Shape latentShape, int count, long seed) {
        return Latents.fixed(manager, latentShape, count, seed);
    }

    /**
     * The random source {@link #fixedLatents} draws from ({@link Latents#random}).
     *
     * @param seed the seed
     * @return a new source
     */
    public static Random latentRandom(long seed) {
        return Latents.random(seed);
    }

    /**
     * The next {@code count} latents of a source from {@link #latentRandom} ({@link Latents#next}).
     *
     * @param manager where the latents live
     * @param latentShape one latent's shape
     * @param count how many
     * @param random the source
     * @return the latents
     */
    public static NDArray nextLatents(NDManager manager, Shape latentShape, int count, Random random) {
        return Latents.next(manager, latentShape, count, random);
    }

    /**
     * Returns the pair being trained.
     *
     * @return the model
     */
    public GanModel model() {
        return model;
    }
}
