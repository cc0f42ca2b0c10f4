package io.ganpoet.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.eval.FrechetDistance;
import io.ganpoet.train.eval.FrechetDistance.Statistics;
import io.ganpoet.train.eval.FrechetEvaluation;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;

/** The Fréchet distance of Fashion images in {@link FashionClassifier}'s feature space. */
final class FashionFrechet {

    /** What an evaluation found, and what it measured: enough to tell whether two figures compare. */
    record Result(
            double distance, int asked, int generated, long seed, int real, int realAvailable, String realOrigin) {

        /** One line: the figure, then what was measured. */
        String describe(int epoch) {
            return describe(epoch, "");
        }

        /** One line, ending with which of a generator's weights made the images (empty: not said). */
        String describe(int epoch, String weights) {
            return String.format(
                    Locale.ROOT,
                    "Frechet distance %.2f (FashionClassifier features; epoch %d; %d generated images from the latents of seed %d"
                            + " vs the first %d real images of %s%s%s)",
                    distance,
                    epoch,
                    generated,
                    seed,
                    real,
                    realOrigin,
                    real < asked ? "; " + asked + " asked, but it holds only " + realAvailable : "",
                    weights.isEmpty() ? "" : "; " + weights);
        }
    }

    private FashionFrechet() {}

    /**
     * @return the result, or {@code null} when no classifier is shipped
     */
    static Result evaluate(
            NDManager manager,
            Function<NDArray, NDArray> generator,
            Shape latentShape,
            ImageSet real,
            int count,
            long seed)
            throws IOException {
        try (FashionClassifier classifier = FashionClassifier.loadShipped(manager)) {
            if (classifier == null) {
                return null;
            }
            Statistics realStats = FrechetEvaluation.real(manager, classifier, real, count);
            Statistics fakeStats =
                    FrechetEvaluation.generated(manager, classifier, generator, latentShape, count, seed);
            return new Result(
                    FrechetDistance.between(realStats, fakeStats),
                    count,
                    fakeStats.count(),
                    seed,
                    realStats.count(),
                    real.count(),
                    real.origin());
        }
    }
}
