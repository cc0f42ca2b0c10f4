package io.ganpoet.train.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.dataset.Batch;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.runtime.nn.LogitsBlock;
import io.ganpoet.runtime.nn.Scalars;
import io.ganpoet.train.loop.Metrics;
import io.ganpoet.train.loop.Picture;
import io.ganpoet.train.loop.ShardedUpdate;
import io.ganpoet.train.loop.ShardedUpdate.ShardLoss;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.loop.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One adversarial step, in the two phases of PyTorch's DCGAN example: (1) update D on a real
 * batch (target 1, or 1 − s with label smoothing) and on a generated batch cut from G's graph
 * (target 0); (2) update G through D on the same fake batch (or a fresh one) with target 1. With
 * WGAN-GP the critic takes {@code criticSteps} steps per generator step and its loss carries the
 * gradient penalty.
 *
 * <p>Each network has its own optimizer ({@link TrainableNetwork}); {@link ShardedUpdate} zeroes
 * the updated network's gradients first, because G's backward pass in phase (2) runs through D and
 * leaves gradients there.
 *
 * <p>A conditional model ({@link GanModel#classes()} &gt; 0) gets labels on both sides: D sees the
 * real images with the batch's own labels and the fakes with the labels they were generated for;
 * those are drawn uniformly over the classes from the engine's generator (reseeded every step, so
 * a resumed run draws the same ones), or are the real batch's labels ({@link FakeLabels#BATCH}).
 * The gradient penalty scores its interpolates with the real batch's labels.
 */
public final class GanStep implements TrainingStep {

    /**
     * A generated batch, one array per shard, and the labels it was generated for.
     *
     * @param images the fakes, graph to G kept
     * @param labels their labels (conditional models)
     */
    public record Fakes(List<NDArray> images, Optional<List<NDArray>> labels) {}

    /**
     * What phase (1) leaves: D's metrics, and the fakes when G reuses them in phase (2).
     *
     * @param metrics {@code loss_d}, {@code d_real}, {@code d_fake} of the last critic step
     * @param fakes the last critic step's fakes with their graph, when {@code loss.generator_batch} is same
     */
    public record CriticResult(Metrics metrics, Optional<Fakes> fakes) {}

    private static final List<String> METRICS = List.of("loss_d", "loss_g", "d_real", "d_fake");

    private final GanModel model;
    private final TrainableNetwork generator;
    private final TrainableNetwork discriminator;
    private final GanSettings settings;
    private final DiscriminatorOutput output;
    private final GanPictures pictures;

    /**
     * @param model the pair's facts (latent and image shapes, discriminator output, classes)
     * @param generator G with its optimizer and replicas
     * @param discriminator D with its optimizer and replicas
     * @param settings loss, smoothing, critic steps, penalty, fake-batch reuse, fake labels
     * @param pictures the progress picture drawn from G
     */
    public GanStep(
            GanModel model,
            TrainableNetwork generator,
            TrainableNetwork discriminator,
            GanSettings settings,
            GanPictures pictures) {
        this.model = model;
        this.generator = generator;
        this.discriminator = discriminator;
        this.settings = settings;
        this.pictures = pictures;
        // A sigmoid discriminator that can give its logits is trained from the logits (stable BCE).
        this.output =
                discriminator.block() instanceof LogitsBlock ? DiscriminatorOutput.LOGIT : model.discriminatorOutput();
    }

    @Override
    public List<String> metricNames() {
        return METRICS;
    }

    @Override
    public List<TrainableNetwork> networks() {
        // Pictures drawn from another network than G draw from G's weight average, checkpointed with G and D.
        TrainableNetwork drawn = pictures.network();
        return drawn == generator ? List.of(generator, discriminator) : List.of(generator, discriminator, drawn);
    }

    @Override
    public Metrics trainBatch(List<Batch> shards) {
        List<NDArray> reals = shards.stream().map(s -> s.getData().head()).toList();
        Optional<List<NDArray>> labels = model.classes() > 0
                ? Optional.of(shards.stream().map(s -> s.getLabels().head()).toList())
                : Optional.empty();
        // (1) Update D: real images towards 1, fakes (cut from G's graph) towards 0.
        CriticResult critic = updateDiscriminator(reals, labels);
        // (2) Update G: D's verdict on fakes towards 1, on the same fakes or fresh ones.
        Metrics g = updateGenerator(reals, labels, critic.fakes());
        Metrics d = critic.metrics();
        return Metrics.of(METRICS, d.get("loss_d"), g.get("loss_g"), d.get("d_real"), d.get("d_fake"));
    }

    /**
     * Phase (1): {@code criticSteps} discriminator updates.
     *
     * @param reals one real batch per shard
     * @param labels their labels (conditional models)
     * @return the last critic step's metrics, and its fakes when G reuses them
     */
    public CriticResult updateDiscriminator(List<NDArray> reals, Optional<List<NDArray>> labels) {
        CriticResult result = null;
        for (int critic = 0; critic < settings.criticSteps(); critic++) {
            // The last critic step keeps its fakes' graph when G reuses them in phase (2).
            result = criticStep(reals, labels, settings.sameFakeBatch() && critic == settings.criticSteps() - 1);
        }
        return result;
    }

    private CriticResult criticStep(List<NDArray> reals, Optional<List<NDArray>> labels, boolean keepGraph) {
        int k = reals.size();
        Optional<List<NDArray>> fakeLabels = fakeLabels(reals, labels);
        List<NDArray> fakes = new ArrayList<>();
        if (!keepGraph) {
            fakes.addAll(generate(reals, fakeLabels)); // outside the collector: no graph is recorded
        }
        NDArray[] penalties = new NDArray[k];
        Metrics metrics = ShardedUpdate.update(
                List.of(discriminator),
                k,
                "loss_d",
                () -> {
                    if (keepGraph) {
                        fakes.addAll(generate(reals, fakeLabels));
                    }
                    if (settings.loss() == GanLoss.WGAN_GP && settings.gradientPenalty() > 0) {
                        for (int i = 0; i < k; i++) {
                            penalties[i] = gradientPenalty(
                                    i, reals.get(i), fakes.get(i).stopGradient(), shard(labels, i));
                        }
                        // Their create_graph backward passes left d(sum D)/dθ on D's parameters; drop those
                        // before any loss is back-propagated.
                        discriminator.zeroGradients();
                    }
                },
                i -> {
                    NDArray realOut = discriminate(i, reals.get(i), shard(labels, i));
                    NDArray fakeOut = discriminate(i, fakes.get(i).stopGradient(), shard(fakeLabels, i));
                    NDArray loss =
                            settings.loss().discriminator(realOut, fakeOut, output, 1f - settings.labelSmoothing());
                    if (penalties[i] != null) {
                        loss = loss.add(Scalars.mul(penalties[i], settings.gradientPenalty()));
                    }
                    return new ShardLoss(
                            loss,
                            Metrics.of(
                                    List.of("d_real", "d_fake"),
                                    settings.loss().meanOutput(realOut, output),
                                    settings.loss().meanOutput(fakeOut, output)));
                });
        return new CriticResult(metrics, keepGraph ? Optional.of(new Fakes(fakes, fakeLabels)) : Optional.empty());
    }

    /**
     * Phase (2): one generator update.
     *
     * @param reals one real batch per shard (their sizes; a fresh fake batch's labels)
     * @param labels their labels (conditional models)
     * @param reuse phase (1)'s fakes, or empty to generate fresh ones
     * @return {@code loss_g}
     */
    public Metrics updateGenerator(List<NDArray> reals, Optional<List<NDArray>> labels, Optional<Fakes> reuse) {
        Optional<List<NDArray>> fakeLabels = reuse.isPresent() ? reuse.get().labels() : fakeLabels(reals, labels);
        return ShardedUpdate.update(List.of(generator), reals.size(), "loss_g", i -> {
            NDArray fake =
                    reuse.isPresent() ? reuse.get().images().get(i) : generate(i, reals.get(i), shard(fakeLabels, i));
            return ShardLoss.of(settings.loss().generator(discriminate(i, fake, shard(fakeLabels, i)), output));
        });
    }

    /**
     * The labels the generator is asked for, one array per shard; empty for an unconditional
     * model. Uniform labels come from the engine's generator, on the shard's device.
     */
    private Optional<List<NDArray>> fakeLabels(List<NDArray> reals, Optional<List<NDArray>> labels) {
        if (model.classes() == 0) {
            return Optional.empty();
        }
        if (settings.fakeLabels() == FakeLabels.BATCH) {
            return labels;
        }
        List<NDArray> drawn = new ArrayList<>();
        for (NDArray real : reals) {
            drawn.add(real.getManager()
                    .randomInteger(0, model.classes(), new Shape(real.getShape().get(0)), DataType.INT32)
                    .toDevice(real.getDevice(), false));
        }
        return Optional.of(drawn);
    }

    private static Optional<NDArray> shard(Optional<List<NDArray>> labels, int shard) {
        return labels.map(l -> l.get(shard));
    }

    private List<NDArray> generate(List<NDArray> reals, Optional<List<NDArray>> fakeLabels) {
        List<NDArray> fakes = new ArrayList<>();
        for (int i = 0; i < reals.size(); i++) {
            fakes.add(generate(i, reals.get(i), shard(fakeLabels, i)));
        }
        return fakes;
    }

    /** G (in training mode: batch statistics) on fresh latents, as many as {@code real} has images. */
    private NDArray generate(int shard, NDArray real, Optional<NDArray> labels) {
        Shape shape = model.latentShape(real.getShape().get(0));
        NDArray z = real.getManager().randomNormal(0f, 1f, shape, real.getDataType(), real.getDevice());
        return generator.forward(shard, inputs(z, labels), true).singletonOrThrow();
    }

    private NDArray discriminate(int shard, NDArray images, Optional<NDArray> labels) {
        if (discriminator.block() instanceof LogitsBlock scores) {
            return scores.logits(discriminator.store(shard), inputs(images, labels), true);
        }
        return discriminator.forward(shard, inputs(images, labels), true).singletonOrThrow();
    }

    private static NDList inputs(NDArray x, Optional<NDArray> labels) {
        return labels.map(l -> new NDList(x, l)).orElseGet(() -> new NDList(x));
    }

    /**
     * WGAN-GP's penalty: mean over the batch of (‖∇ D(x̂)‖₂ − 1)² at random interpolates x̂ of
     * real and fake images (scored with the real batch's labels in a conditional model). The
     * gradient is taken with a graph (PyTorch's create_graph) so the penalty itself can be
     * differentiated with respect to D's parameters; DJL's collector has no such call, so this goes
     * to the engine directly.
     *
     * @param shard which replica of D scores the interpolates
     * @param real real images
     * @param fake fake images, cut from G's graph
     * @param labels the real batch's labels (conditional models)
     * @return the penalty, a scalar
     */
    public NDArray gradientPenalty(int shard, NDArray real, NDArray fake, Optional<NDArray> labels) {
        long n = real.getShape().get(0);
        NDArray alpha =
                real.getManager().randomUniform(0f, 1f, new Shape(n, 1, 1, 1), real.getDataType(), real.getDevice());
        NDArray mixed = real.mul(alpha).add(fake.mul(Scalars.rsub(1f, alpha))).stopGradient();
        mixed.setRequiresGradient(true);
        NDArray score = discriminate(shard, mixed, labels).sum();
        NDArray ones = real.getManager().ones(score.getShape(), score.getDataType(), score.getDevice());
        JniUtils.backward((PtNDArray) score, (PtNDArray) ones, true, true);
        NDArray gradient = mixed.getGradient().reshape(n, -1);
        return gradient.square()
                .sum(new int[] {1})
                .add(1e-12f)
                .sqrt()
                .sub(1f)
                .square()
                .mean();
    }

    @Override
    public Optional<Picture> picture() {
        return Optional.of(pictures.picture());
    }

    /**
     * What G draws: the progress picture, samples, class row names.
     *
     * @return the pictures
     */
    public GanPictures pictures() {
        return pictures;
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
