package io.ganpoet.train.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.image.ImageGrid;
import io.ganpoet.runtime.run.Latents;
import io.ganpoet.train.loop.Picture;
import io.ganpoet.train.loop.TrainableNetwork;
import java.util.Arrays;
import java.util.List;

/**
 * What a GAN's generator draws while it trains: the progress picture on one fixed latent batch
 * (the same images on every machine and after a resume) and samples in inference mode. For a
 * conditional model, one row per class, the same latents in every row (a column shows one latent
 * drawn as each class), each row labelled with its class's name when known.
 */
public final class GanPictures {

    private final GanModel model;
    private final TrainableNetwork generator;
    private final int gridCount;
    private final long seed;
    private final List<String> classNames;

    /**
     * @param model the pair's facts (latent shape, classes)
     * @param generator G
     * @param gridCount images in the progress picture (a conditional model's: per class, rounded up)
     * @param seed seeds the picture's fixed latents
     * @param classNames the names of the classes, for the picture's rows; empty when unknown
     */
    public GanPictures(GanModel model, TrainableNetwork generator, int gridCount, long seed, List<String> classNames) {
        this.model = model;
        this.generator = generator;
        this.gridCount = gridCount;
        this.seed = seed;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * G on the fixed latent batch, as a grid.
     *
     * @return the picture
     */
    public Picture picture() {
        int classes = model.classes();
        if (classes > 0) {
            int columns = Math.max(1, (gridCount + classes - 1) / classes);
            return scope -> {
                NDArray latents = Latents.fixed(scope, model.latentShape(), columns, seed);
                long[] tiles = new long[latents.getShape().dimension()];
                Arrays.fill(tiles, 1);
                tiles[0] = classes;
                NDArray z = latents.tile(tiles);
                return ImageGrid.renderRows(
                        sample(z, Latents.classRows(scope, classes, columns)), columns, 2, rowNames());
            };
        }
        return scope -> ImageGrid.render(
                sample(Latents.fixed(scope, model.latentShape(), gridCount, seed)), ImageGrid.columnsFor(gridCount), 2);
    }

    /**
     * Generates images without recording gradients or updating batch-norm statistics; a
     * conditional model draws every class equally often.
     *
     * @param z latents {@code (N, latent, ...)}
     * @return images {@code (N, C, H, W)} in [-1, 1]
     */
    public NDArray sample(NDArray z) {
        if (model.classes() > 0) {
            return sample(
                    z, Latents.balancedLabels(z.getManager(), (int) z.getShape().get(0), model.classes()));
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
     * The network the pictures and samples come from: G, or the average of G's weights.
     *
     * @return the network drawn from
     */
    public TrainableNetwork network() {
        return generator;
    }

    /**
     * Row labels of a class grid ({@link ClassNames#rowNames}).
     *
     * @return one name per class
     */
    public List<String> rowNames() {
        return ClassNames.rowNames(model.classes(), classNames);
    }
}
