package io.ganpoet.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.runtime.nn.LogitsBlock;
import io.ganpoet.runtime.nn.Scalars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One adversarial step, as in the DCGAN lecture: the discriminator on a real batch (target 1, or
 * 1 − s with label smoothing) and on a generated batch cut from the generator's graph (target 0);
 * then the generator on the same fake batch (or a fresh one) with target 1. With WGAN-GP the
 * critic takes {@code nCritic} steps per generator step and its loss carries the gradient penalty.
 *
 * <p>Isolation: each network has its own parameter store and optimiser, so a step only ever
 * updates its own network; the discriminator's gradients are zeroed before its backward pass
 * because the generator's backward pass runs through it and leaves gradients behind.
 */
public final class GanStep implements TrainingStep {

    /** How the adversarial game is played. */
    public record Options(GanLoss loss, float labelSmoothing, int criticSteps, float gradientPenalty, boolean sameFakeBatch) {}

    private final GanModel model;
    private final Block generator;
    private final Block discriminator;
    private final ParameterStore generatorStore;
    private final ParameterStore discriminatorStore;
    private final AdamOptimizer generatorOptimizer;
    private final AdamOptimizer discriminatorOptimizer;
    private final Options options;
    private final DiscriminatorOutput output;

    public GanStep(
            GanModel model,
            Block generator,
            Block discriminator,
            ParameterStore generatorStore,
            ParameterStore discriminatorStore,
            AdamOptimizer generatorOptimizer,
            AdamOptimizer discriminatorOptimizer,
            Options options) {
        this.model = model;
        this.generator = generator;
        this.discriminator = discriminator;
        this.generatorStore = generatorStore;
        this.discriminatorStore = discriminatorStore;
        this.generatorOptimizer = generatorOptimizer;
        this.discriminatorOptimizer = discriminatorOptimizer;
        this.options = options;
        // A sigmoid discriminator that can give its logits is trained from the logits (stable BCE).
        this.output = discriminator instanceof LogitsBlock ? DiscriminatorOutput.LOGIT : model.discriminatorOutput();
    }

    @Override
    public List<String> metricNames() {
        return List.of("loss_d", "loss_g", "d_real", "d_fake");
    }

    @Override
    public float[] step(List<NDArray> shards) {
        float[] d = discriminatorStep(shards);
        float lossG = generatorStep(shards);
        return new float[] {d[0], lossG, d[1], d[2]};
    }

    /** The fake batches of the last critic step, graph kept, for a same-batch generator step. */
    private List<NDArray> lastFakes = List.of();

    /** Returns {loss_d, D(x), D(G(z))}, from the last critic step. */
    float[] discriminatorStep(List<NDArray> shards) {
        int k = shards.size();
        float[] metrics = new float[3];
        for (int critic = 0; critic < options.criticSteps(); critic++) {
            boolean keepFakes = options.sameFakeBatch() && critic == options.criticSteps() - 1;
            List<NDArray> fakes = new ArrayList<>();
            if (!keepFakes) {
                for (NDArray real : shards) {
                    fakes.add(generate(latent(real)));
                }
            }
            float lossSum = 0;
            float realSum = 0;
            float fakeSum = 0;
            discriminatorOptimizer.zeroGradients();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                if (keepFakes) {
                    for (NDArray real : shards) {
                        fakes.add(generate(latent(real)));
                    }
                }
                NDArray[] penalties = new NDArray[k];
                if (options.loss() == GanLoss.WGAN_GP && options.gradientPenalty() > 0) {
                    for (int i = 0; i < k; i++) {
                        penalties[i] = gradientPenalty(shards.get(i), fakes.get(i).stopGradient());
                    }
                    // Their create_graph backward passes left d(sum D)/dθ on D's parameters; drop
                    // those before any loss is back-propagated.
                    discriminatorOptimizer.zeroGradients();
                }
                for (int i = 0; i < k; i++) {
                    NDArray real = shards.get(i);
                    NDArray fake = fakes.get(i).stopGradient();
                    NDArray realOut = discriminate(real);
                    NDArray fakeOut = discriminate(fake);
                    NDArray loss = options.loss().discriminator(realOut, fakeOut, output, 1f - options.labelSmoothing());
                    if (penalties[i] != null) {
                        loss = loss.add(Scalars.mul(penalties[i], options.gradientPenalty()));
                    }
                    collector.backward(Scalars.div(loss, k));
                    lossSum += loss.getFloat();
                    realSum += options.loss().meanOutput(realOut, output);
                    fakeSum += options.loss().meanOutput(fakeOut, output);
                }
            }
            discriminatorStore.updateAllParameters();
            metrics[0] = lossSum / k;
            metrics[1] = realSum / k;
            metrics[2] = fakeSum / k;
            lastFakes = keepFakes ? fakes : List.of();
        }
        return metrics;
    }

    /** Returns loss_g. */
    float generatorStep(List<NDArray> shards) {
        int k = shards.size();
        float lossSum = 0;
        generatorOptimizer.zeroGradients();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (int i = 0; i < k; i++) {
                NDArray real = shards.get(i);
                NDArray fake = lastFakes.isEmpty() ? generate(latent(real)) : lastFakes.get(i);
                NDArray loss = options.loss().generator(discriminate(fake), output);
                collector.backward(Scalars.div(loss, k));
                lossSum += loss.getFloat();
            }
        }
        generatorStore.updateAllParameters();
        lastFakes = List.of();
        return lossSum / k;
    }

    /** A latent batch the size of {@code real}, on its device and manager. */
    private NDArray latent(NDArray real) {
        Shape shape = model.latentShape(real.getShape().get(0));
        return real.getManager().randomNormal(0f, 1f, shape, real.getDataType(), real.getDevice());
    }

    private NDArray generate(NDArray z) {
        return generator.forward(generatorStore, new NDList(z), true).singletonOrThrow();
    }

    private NDArray discriminate(NDArray images) {
        if (discriminator instanceof LogitsBlock scores) {
            return scores.logits(discriminatorStore, images, true);
        }
        return discriminator.forward(discriminatorStore, new NDList(images), true).singletonOrThrow();
    }

    /**
     * WGAN-GP's penalty: mean over the batch of (‖∇ D(x̂)‖₂ − 1)² at random interpolates x̂ of
     * real and fake images. The gradient is taken with a graph (PyTorch's create_graph) so the
     * penalty itself can be differentiated with respect to D's parameters; DJL's collector has no
     * such call, so this goes to the engine directly.
     */
    NDArray gradientPenalty(NDArray real, NDArray fake) {
        long n = real.getShape().get(0);
        NDArray alpha = real.getManager().randomUniform(0f, 1f, new Shape(n, 1, 1, 1), real.getDataType(), real.getDevice());
        NDArray mixed = real.mul(alpha).add(fake.mul(Scalars.rsub(1f, alpha))).stopGradient();
        mixed.setRequiresGradient(true);
        NDArray score = discriminate(mixed).sum();
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
        return generator.forward(generatorStore, new NDList(z), false).singletonOrThrow();
    }

    @Override
    public Map<String, Block> networks() {
        Map<String, Block> networks = new LinkedHashMap<>();
        networks.put("generator", generator);
        networks.put("discriminator", discriminator);
        return networks;
    }

    @Override
    public Map<String, AdamOptimizer> optimizers() {
        Map<String, AdamOptimizer> optimizers = new LinkedHashMap<>();
        optimizers.put("generator", generatorOptimizer);
        optimizers.put("discriminator", discriminatorOptimizer);
        return optimizers;
    }

    public GanModel model() {
        return model;
    }
}
