package io.ganpoet.samples;

import io.ganpoet.train.data.IdxReader;
import io.ganpoet.train.data.ImageSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ganpoet fd}: the Fréchet distance of a Fashion run, on demand. */
@Command(
        name = "fd",
        mixinStandardHelpOptions = true,
        description =
                "Frechet distance between a Fashion run's images and real test images, in FashionClassifier's features.")
final class FdCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory of the fashion model.")
    Path run;

    @Option(
            names = "--samples",
            description = "Images on each side, generated and real (default: the run's eval.fd_samples,"
                    + " else 1000); the output says when the real side holds fewer.")
    Integer samples;

    @Option(
            names = "--real",
            paramLabel = "DIR",
            description =
                    "IDX directory whose t10k files are the real side"
                            + " (default: the real images the run's own FD used: its IDX directory's t10k, else the shipped 1,000 test images).")
    Path real;

    @Option(
            names = "--seed",
            description = "Seeds the latents (default: the run's seed, as the FD at the end of training).")
    Long seed;

    @Option(
            names = "--raw",
            description = "Measure the generator's trained weights only, not their average over training"
                    + " (by default a run that kept one, ema.decay above 0, is measured with both).")
    boolean raw;

    @Override
    public Integer call() throws IOException {
        try (TrainedGenerator g = TrainedGenerator.load(run, raw);
                TrainedGenerator rawWeights = g.averaged() ? TrainedGenerator.load(run, true) : null) {
            if (!GanRuns.isFashion(g.model)) {
                System.err.println("ganpoet fd: " + run + " trained " + g.model.name()
                        + "; the FD classifier knows Fashion-MNIST only");
                return 2;
            }
            // Defaults reproduce the run's own fd.txt: same seed, sample count and real images.
            int count = samples != null
                    ? samples
                    : g.config.integer("eval.fd_samples") > 0 ? g.config.integer("eval.fd_samples") : 1000;
            if (count < 2) {
                throw new IllegalArgumentException(
                        "--samples " + count + ": a covariance needs at least 2 images per side");
            }
            long latentSeed = seed != null ? seed : g.config.integer("seed");
            ImageSet realImages =
                    real != null ? IdxReader.readDirectory(real, "t10k") : GanRuns.realForFrechet(g.config);
            FashionFrechet.Result fd = FashionFrechet.evaluate(
                    g.manager(), g::generate, g.model.latentShape(), realImages, count, latentSeed);
            if (fd == null) {
                System.err.println(
                        "ganpoet fd: no FashionClassifier is shipped in this build; run 'ganpoet classifier' first");
                return 2;
            }
            // An averaged generator is measured with its raw weights too, as the run's own fd.txt and agreement.txt.
            System.out.println(fd.describe(g.epoch, g.averaged() ? "averaged weights" : raw ? "raw weights" : ""));
            if (rawWeights != null) {
                System.out.println(FashionFrechet.evaluate(
                                rawWeights.manager(),
                                rawWeights::generate,
                                g.model.latentShape(),
                                realImages,
                                count,
                                latentSeed)
                        .describe(g.epoch, "raw weights"));
            }
            if (g.model.classes() > 0) {
                // A conditional model: FD above drew every class equally often; now whether each class is what was
                // asked.
                // By default the run's own per-class count and seed, as its agreement.txt (--samples and --seed were
                // unboxed here unconditionally: without them 'fd RUN' of a conditional run ended in a
                // NullPointerException).
                int perClass = samples != null || g.config.integer("eval.agreement_samples") == 0
                        ? Math.max(1, count / g.model.classes())
                        : g.config.integer("eval.agreement_samples");
                ClassAgreement.Result agreement = ClassAgreement.measure(
                        g.manager(), g::generate, g.model.latentShape(), g.model.classes(), perClass, latentSeed);
                System.out.println(agreement.format(g.rowNames()));
                if (rawWeights != null) {
                    System.out.println("raw weights: "
                            + ClassAgreement.measure(
                                            rawWeights.manager(),
                                            rawWeights::generate,
                                            g.model.latentShape(),
                                            g.model.classes(),
                                            perClass,
                                            latentSeed)
                                    .summary(g.rowNames()));
                }
            }
        }
        return 0;
    }
}
