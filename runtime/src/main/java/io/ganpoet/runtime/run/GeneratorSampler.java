package io.ganpoet.runtime.run;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.image.ImageGrid;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained generator, restored from a run's checkpoint ({@link TrainedRun#generator}), that draws
 * images: as arrays in [-1, 1], as pictures, or as one grid. Batch norm and dropout run in
 * inference mode. Safe to use from several threads: every call works in its own scope.
 */
public final class GeneratorSampler implements AutoCloseable {

    private final TrainedRun run;
    private final GanModel gan;
    private final Model model;

    GeneratorSampler(TrainedRun run, GanModel gan, Model model) {
        this.run = run;
        this.gan = gan;
        this.model = model;
    }

    /**
     * Returns the checkpoint the generator was loaded from.
     *
     * @return the run at that checkpoint (a newer one than opened when a trainer replaced it)
     */
    public TrainedRun run() {
        return run;
    }

    /**
     * Returns the pair the generator belongs to.
     *
     * @return the {@code GanModel} given when loading
     */
    public GanModel gan() {
        return gan;
    }

    /**
     * Returns the DJL model holding the generator and its parameters (for a {@code Predictor}, or
     * to save it elsewhere).
     *
     * @return the model; this sampler closes it
     */
    public Model model() {
        return model;
    }

    /**
     * Whether the weights are the average of the generator's weights over training ({@link
     * TrainedRun#AVERAGED_GENERATOR}) rather than the trained weights themselves.
     *
     * @return true for the averaged weights
     */
    public boolean averaged() {
        return TrainedRun.AVERAGED_GENERATOR.equals(model.getName());
    }

    /**
     * Returns the generator block.
     *
     * @return the block, with the checkpoint's parameters
     */
    public Block generator() {
        return model.getBlock();
    }

    /**
     * Runs the generator on latents; a conditional generator draws every class in turn.
     *
     * @param z latents {@code (N, latent...)}
     * @return images {@code (N, C, H, W)} in [-1, 1], in {@code z}'s manager
     */
    public NDArray generate(NDArray z) {
        if (gan.classes() > 0) {
            return generate(
                    z, Latents.balancedLabels(z.getManager(), (int) z.getShape().get(0), gan.classes()));
        }
        return generator()
                .forward(new ParameterStore(z.getManager(), false), new NDList(z), false)
                .singletonOrThrow();
    }

    /**
     * Runs a conditional generator on latents and labels.
     *
     * @param z latents {@code (N, latent...)}
     * @param labels {@code (N)} class indices in {@code [0, classes)}
     * @return images {@code (N, C, H, W)} in [-1, 1], in {@code z}'s manager
     * @throws IllegalArgumentException when the generator is unconditional
     */
    public NDArray generate(NDArray z, NDArray labels) {
        if (gan.classes() == 0) {
            throw new IllegalArgumentException(gan.name() + "'s generator is unconditional: it takes no labels");
        }
        return generator()
                .forward(new ParameterStore(z.getManager(), false), new NDList(z, labels), false)
                .singletonOrThrow();
    }

    /**
     * Draws images.
     *
     * @param manager where the result lives
     * @param request how many, from which seed, of which class
     * @return images {@code (count, C, H, W)} in [-1, 1]
     * @throws IllegalArgumentException when the label is outside the generator's classes
     */
    public NDArray sample(NDManager manager, SampleRequest request) {
        NDArray z = Latents.fixed(manager, gan.latentShape(), request.count(), request.seed());
        return request.label() == SampleRequest.ALL_CLASSES ? generate(z) : generate(z, labels(manager, request));
    }

    /**
     * Draws images as pictures.
     *
     * @param request how many, from which seed, of which class
     * @return one RGB or grey picture per image, at native size
     */
    public List<BufferedImage> images(SampleRequest request) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray images = sample(scope, request);
            List<BufferedImage> pictures = new ArrayList<>();
            for (int i = 0; i < request.count(); i++) {
                pictures.add(ImageGrid.render(images.get(i).expandDims(0), 1, 1));
            }
            return pictures;
        }
    }

    /**
     * Draws images as one grid.
     *
     * @param request how many, from which seed, of which class
     * @param scale pixel magnification (1 = native size)
     * @return the grid, {@link ImageGrid#columnsFor} columns, images separated by a dark border
     */
    public BufferedImage grid(SampleRequest request, int scale) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            return ImageGrid.render(sample(scope, request), ImageGrid.columnsFor(request.count()), scale);
        }
    }

    private NDArray labels(NDManager manager, SampleRequest request) {
        if (gan.classes() == 0) {
            throw new IllegalArgumentException(
                    gan.name() + "'s generator is unconditional: ask for all classes, not class " + request.label());
        }
        if (request.label() >= gan.classes()) {
            throw new IllegalArgumentException("class " + request.label() + " is outside 0.." + (gan.classes() - 1)
                    + " (" + gan.name() + " has " + gan.classes() + " classes)");
        }
        int[] labels = new int[request.count()];
        java.util.Arrays.fill(labels, request.label());
        return manager.create(labels);
    }

    /** Frees the generator's parameters. */
    @Override
    public void close() {
        model.close();
    }
}
