package io.ganpoet.samples;

import ai.djl.ndarray.NDManager;
import io.ganpoet.train.data.IdxReader;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.eval.FrechetDistance;
import io.ganpoet.train.eval.FrechetEvaluation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ganpoet classifier}: trains the Fashion-MNIST classifier whose features the FD uses. */
@Command(
        name = "classifier",
        mixinStandardHelpOptions = true,
        description = {
            "Train the Fashion-MNIST feature classifier for the Frechet distance and write its parameters.",
            "Reports test accuracy and the real-vs-real FD baseline (two disjoint real sets)."
        })
final class ClassifierCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Full Fashion-MNIST IDX directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "/usr/share/datasets/fashion-mnist")
    Path data;

    @Option(names = "--epochs", defaultValue = "4", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--run",
            paramLabel = "DIR",
            description = "Run directory: metrics.csv, plots, checkpoints (default: runs/classifier-<time>).")
    Path run;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the parameters (default: RUN/fashion-classifier.params;"
                    + " to ship them, copy to samples/src/main/resources/io/ganpoet/samples/).")
    Path out;

    @Option(
            names = "--baseline-samples",
            defaultValue = "5000",
            description = "Images per side for the real-vs-real FD (default: ${DEFAULT-VALUE}).")
    int baseline;

    /** Where a classifier run goes unless --run says: under runs/, like a GAN run, never the source tree. */
    static Path defaultRun(java.time.LocalDateTime now) {
        return Path.of(
                "runs", "classifier-" + now.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    @Override
    public Integer call() throws IOException {
        PrintStream console = System.out;
        ImageSet train = IdxReader.readDirectory(data, "train");
        ImageSet test = IdxReader.readDirectory(data, "t10k");
        if (!train.hasLabels() || !test.hasLabels()) {
            System.err.println(data + ": the classifier needs the labels files too");
            return 2;
        }
        console.printf("training on %d images, testing on %d%n", train.count(), test.count());
        Path dir = run != null ? run : defaultRun(java.time.LocalDateTime.now());
        if (out == null) {
            out = dir.resolve("fashion-classifier.params");
        }
        try (NDManager manager = NDManager.newBaseManager();
                FashionClassifier classifier =
                        FashionClassifier.train(manager, train, test, epochs, seed, dir, console)) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(out)) {
                classifier.save(file);
            }
            double accuracy = classifier.accuracy(test);
            int n = Math.min(baseline, Math.min(train.count(), test.count()));
            double realVsReal = FrechetDistance.between(
                    FrechetEvaluation.real(manager, classifier, train, n),
                    FrechetEvaluation.real(manager, classifier, test, n));
            console.printf(
                    Locale.ROOT,
                    "test accuracy %.4f; real-vs-real Frechet distance (%d train vs %d test images) %.2f%n",
                    accuracy,
                    n,
                    n,
                    realVsReal);
            console.println("wrote " + out);
        }
        return 0;
    }
}
