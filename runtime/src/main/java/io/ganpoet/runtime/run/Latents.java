package io.ganpoet.runtime.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Latents and labels drawn from a seed, the same way everywhere: a trainer's fixed sample grid,
 * {@code ganpoet sample} and a service give the same images for the same seed and checkpoint.
 */
public final class Latents {

    private Latents() {}

    /**
     * Returns the random source the latents of a seed come from: {@link #next} on it, batch after
     * batch, yields the same latents as one {@link #fixed} call for the total, without holding them all.
     *
     * @param seed the seed
     * @return a new random source
     */
    public static Random random(long seed) {
        return new Random(seed ^ 0x5eed_1a7eL);
    }

    /**
     * Returns the first {@code count} latents of a seed.
     *
     * @param manager where the array lives
     * @param latentShape one latent's shape, without the batch axis
     * @param count how many
     * @param seed the seed
     * @return {@code (count, latent...)} standard normal values
     */
    public static NDArray fixed(NDManager manager, Shape latentShape, int count, long seed) {
        return next(manager, latentShape, count, random(seed));
    }

    /**
     * Returns the next {@code count} latents of a random source from {@link #random}.
     *
     * @param manager where the array lives
     * @param latentShape one latent's shape, without the batch axis
     * @param count how many
     * @param random the source
     * @return {@code (count, latent...)} standard normal values
     */
    public static NDArray next(NDManager manager, Shape latentShape, int count, Random random) {
        Shape shape = new Shape(count).addAll(latentShape);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }

    /**
     * Returns labels {@code 0, 1, …, classes − 1, 0, 1, …}: every class equally often.
     *
     * @param manager where the array lives
     * @param count how many labels
     * @param classes the number of classes
     * @return {@code (count)} int32 class indices
     */
    public static NDArray balancedLabels(NDManager manager, int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return manager.create(labels);
    }

    /**
     * Returns labels {@code 0,…,0, 1,…,1, …}: {@code perClass} of each class in turn.
     *
     * @param manager where the array lives
     * @param classes the number of classes
     * @param perClass labels per class
     * @return {@code (classes × perClass)} int32 class indices
     */
    public static NDArray classRows(NDManager manager, int classes, int perClass) {
        int[] labels = new int[classes * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / perClass;
        }
        return manager.create(labels);
    }
}
