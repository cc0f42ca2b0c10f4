package io.ganpoet.runtime.run;

/**
 * What to draw: {@code count} images from the latents of {@code seed}, all of class {@code label}
 * (a conditional generator), or of every class in turn when {@code label} is {@link #ALL_CLASSES}.
 *
 * @param count how many images, at least 1
 * @param seed the seed of the latents: the same seed and checkpoint draw the same images
 * @param label a class index in {@code [0, classes)}, or {@link #ALL_CLASSES}; ignored by an
 *     unconditional generator only when it is {@link #ALL_CLASSES}
 */
public record SampleRequest(int count, long seed, int label) {

    /** Every class in turn (labels 0, 1, …, 0, 1, …); the only value an unconditional generator takes. */
    public static final int ALL_CLASSES = -1;

    /**
     * Checks the count and label.
     *
     * @param count how many images, at least 1
     * @param seed the seed of the latents
     * @param label a class index, or {@link #ALL_CLASSES}
     * @throws IllegalArgumentException when count is below 1 or label below {@link #ALL_CLASSES}
     */
    public SampleRequest {
        if (count < 1) {
            throw new IllegalArgumentException("count " + count + ": at least one image");
        }
        if (label < ALL_CLASSES) {
            throw new IllegalArgumentException("label " + label + ": a class index (0 or more) or ALL_CLASSES");
        }
    }

    /**
     * Draws {@code count} images of every class in turn (or of the only one).
     *
     * @param count how many images
     * @param seed the seed of the latents
     * @return the request
     */
    public static SampleRequest of(int count, long seed) {
        return new SampleRequest(count, seed, ALL_CLASSES);
    }
}
