package io.ganpoet.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Batch;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.runtime.nn.LogitsBlock;
import io.ganpoet.runtime.nn.Scalars;
import io.ganpoet.train.report.Chart;
import io.ganpoet.train.report.ImageGrid;
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
 */
public final class GanStep implements TrainingStep {

    private final GanModel model;
    private final Network generator;
    private final Network discriminator;
    private final GanSettings settings;
    private final DiscriminatorOutput output;
    private final int gridCount;
    private final long seed;
    /** The fake batches of the last critic step, graph kept, for a same-batch generator step. */
    private List<NDArray> lastFakes = List.of();

    /**
     * @param model the pair's facts (latent and image shapes, discriminator output)
     * @param generator G with its optimizer and replicas
     * @param discriminator D with its optimizer and replicas
     * @param settings loss, smoothing, critic steps, penalty, fake-batch reuse
     * @param gridCount images in the progress picture
     * @param seed seeds the picture's fixed latents
     */
    public GanStep(GanModel model, Network generator, Network discriminator, GanSettings settings, int gridCount, long seed) {
        this.model = model;
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
        for (Batch shard : shards) {
            reals.add(shard.getData().head());
        }
        float[] d = updateDiscriminator(reals);
        float lossG = updateGenerator(reals);
        return new float[] {d[0], lossG, d[1], d[2]};
    }

    /** Phase (1): returns {loss_d, D(x), D(G(z))} of the last critic step. */
    float[] updateDiscriminator(List<NDArray> reals) {
        int k = reals.size();
        float[] metrics = new float[3];
        for (int critic = 0; critic < settings.criticSteps(); critic++) {
            // The last critic step keeps its fakes' graph when G reuses them in phase (2).
            boolean keepFakes = settings.sameFakeBatch() && critic == settings.criticSteps() - 1;
            List<NDArray> fakes = new ArrayList<>();
            if (!keepFakes) {
                generateInto(fakes, reals); // outside the collector: no graph is recorded
            }
            float lossSum = 0;
            float realSum = 0;
            float fakeSum = 0;
            discriminator.zeroGradients();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                if (keepFakes) {
                    generateInto(fakes, reals);
                }
                NDArray[] penalties = new NDArray[k];
                if (settings.loss() == GanLoss.WGAN_GP && settings.gradientPenalty() > 0) {
                    for (int i = 0; i < k; i++) {
                        penalties[i] = gradientPenalty(i, reals.get(i), fakes.get(i).stopGradient());
                    }
                    // Their create_graph backward passes left d(sum D)/dθ on D's parameters; drop
                    // those before any loss is back-propagated.
                    discriminator.zeroGradients();
                }
                for (int i = 0; i < k; i++) {
                    NDArray realOut = discriminate(i, reals.get(i));
                    NDArray fakeOut = discriminate(i, fakes.get(i).stopGradient());
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
        }
        return metrics;
    }

    /** Phase (2): returns loss_g. */
    float updateGenerator(List<NDArray> reals) {
        int k = reals.size();
        float lossSum = 0;
        generator.zeroGradients();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (int i = 0; i < k; i++) {
                NDArray fake = lastFakes.isEmpty() ? generate(i, reals.get(i)) : lastFakes.get(i);
                NDArray loss = settings.loss().generator(discriminate(i, fake), output);
                collector.backward(Scalars.div(loss, k));
                lossSum += loss.getFloat();
            }
        }
        generator.update();
        lastFakes = List.of();
        return lossSum / k;
    }

    private void generateInto(List<NDArray> fakes, List<NDArray> reals) {
        for (int i = 0; i < reals.size(); i++) {
            fakes.add(generate(i, reals.get(i)));
        }
    }

    /** G (in training mode: batch statistics) on a fresh latent batch the size of {@code real}. */
    private NDArray generate(int shard, NDArray real) {
        Shape shape = model.latentShape(real.getShape().get(0));
        NDArray z = real.getManager().randomNormal(0f, 1f, shape, real.getDataType(), real.getDevice());
        return generator.forward(shard, z, true);
    }

    private NDArray discriminate(int shard, NDArray images) {
        if (discriminator.block() instanceof LogitsBlock scores) {
            return scores.logits(discriminator.store(shard), images, true);
        }
        return discriminator.forward(shard, images, true);
    }

    /**
     * WGAN-GP's penalty: mean over the batch of (‖∇ D(x̂)‖₂ − 1)² at random interpolates x̂ of
     * real and fake images. The gradient is taken with a graph (PyTorch's create_graph) so the
     * penalty itself can be differentiated with respect to D's parameters; DJL's collector has no
     * such call, so this goes to the engine directly.
     */
    NDArray gradientPenalty(int shard, NDArray real, NDArray fake) {
        long n = real.getShape().get(0);
        NDArray alpha = real.getManager().randomUniform(0f, 1f, new Shape(n, 1, 1, 1), real.getDataType(), real.getDevice());
        NDArray mixed = real.mul(alpha).add(fake.mul(Scalars.rsub(1f, alpha))).stopGradient();
        mixed.setRequiresGradient(true);
        NDArray score = discriminate(shard, mixed).sum();
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
        return generator.forward(0, z, false);
    }

    /** G on one fixed latent batch: the same images on every machine and after a resume. */
    @Override
    public Optional<Picture> picture() {
        return Optional.of(scope -> ImageGrid.render(sample(fixedLatents(scope, model.latentShape(), gridCount, seed)),
                ImageGrid.columnsFor(gridCount), 2));
    }

    /** The fixed latents for a model and seed, drawn from their own generator. */
    public static NDArray fixedLatents(NDManager manager, Shape latentShape, int count, long seed) {
        return nextLatents(manager, latentShape, count, latentRandom(seed));
    }

    /**
     * The generator {@link #fixedLatents} draws from: {@code nextLatents} on it, batch after
     * batch, yields the same latents as one {@code fixedLatents} call for the total, without
     * holding them all.
     */
    public static Random latentRandom(long seed) {
        return new Random(seed ^ 0x5eed_1a7eL);
    }

    /** The next {@code count} latents of a generator from {@link #latentRandom}. */
    public static NDArray nextLatents(NDManager manager, Shape latentShape, int count, Random random) {
        Shape shape = new Shape(count).addAll(latentShape);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }

    public GanModel model() {
        return model;
    }
}
