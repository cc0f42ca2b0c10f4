package io.ganpoet.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.runtime.run.Latents;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Whether a conditional Fashion generator draws what it is asked for: {@link FashionClassifier}
 * labels {@code perClass} images generated for each class, and the agreement is the fraction it
 * puts in the requested class (per class, and overall). A generator that ignores its labels scores
 * about 10 %; the classifier itself is right on 90 % of real test images, which bounds what a
 * perfect generator can score by this measure.
 */
final class ClassAgreement {

    /** Per-class and overall agreement, in [0, 1]. */
    record Result(double[] perClass, double overall, int perClassCount) {

        String format(List<String> names) {
            StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT,
                    "Class agreement (FashionClassifier on %d images per class): %.1f %%",
                    perClassCount,
                    100 * overall));
            for (int k = 0; k < perClass.length; k++) {
                out.append(String.format(Locale.ROOT, "%n  %-12s %5.1f %%", names.get(k), 100 * perClass[k]));
            }
            return out.toString();
        }

        /** One line: the overall agreement and the worst class, e.g. {@code 88.5 % (worst: Shirt 54.0 %)}. */
        String summary(List<String> names) {
            int worst = 0;
            for (int k = 1; k < perClass.length; k++) {
                worst = perClass[k] < perClass[worst] ? k : worst;
            }
            return String.format(
                    Locale.ROOT,
                    "class agreement %.1f %% (worst: %s %.1f %%)",
                    100 * overall,
                    names.get(worst),
                    100 * perClass[worst]);
        }
    }

    private ClassAgreement() {}

    /**
     * @param manager scratch space
     * @param generator (latents, labels) → images in [-1, 1]
     * @param latentShape one latent's shape
     * @param classes the number of classes
     * @param perClass images generated per class
     * @param seed seeds the latents
     * @return the result, or {@code null} when no classifier is shipped
     */
    static Result measure(
            NDManager manager,
            BiFunction<NDArray, NDArray, NDArray> generator,
            Shape latentShape,
            int classes,
            int perClass,
            long seed)
            throws IOException {
        try (FashionClassifier classifier = FashionClassifier.loadShipped(manager)) {
            if (classifier == null) {
                return null;
            }
            Random random = new Random(seed);
            int[] agree = new int[classes];
            for (int k = 0; k < classes; k++) {
                for (int start = 0; start < perClass; start += 250) {
                    int size = Math.min(250, perClass - start);
                    Shape shape = new Shape(size).addAll(latentShape);
                    float[] z = new float[Math.toIntExact(shape.size())];
                    for (int i = 0; i < z.length; i++) {
                        z[i] = (float) random.nextGaussian();
                    }
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray images = generator.apply(
                                scope.create(z, shape),
                                Latents.classRows(scope, 1, size).add(k));
                        for (long predicted : classifier.predict(images)) {
                            agree[k] += predicted == k ? 1 : 0;
                        }
                    }
                }
            }
            double[] perClassAgreement = new double[classes];
            long total = 0;
            for (int k = 0; k < classes; k++) {
                perClassAgreement[k] = (double) agree[k] / perClass;
                total += agree[k];
            }
            return new Result(perClassAgreement, (double) total / ((long) classes * perClass), perClass);
        }
    }
}
