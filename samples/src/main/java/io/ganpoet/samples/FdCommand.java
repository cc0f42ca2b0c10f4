package io.ganpoet.samples;

import io.ganpoet.train.data.IdxReader;
import io.ganpoet.train.data.ImageDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ganpoet fd}: the Fréchet distance of a Fashion run, on demand. */
@Command(
        name = "fd",
        mixinStandardHelpOptions = true,
        description = "Frechet distance between a Fashion run's images and real test images, in FashionClassifier's features.")
final class FdCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory of the fashion model.")
    Path run;

    @Option(names = "--samples", defaultValue = "1000", description = "Images on each side (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--real", paramLabel = "DIR", description = "IDX directory whose t10k files are the real side (default: the shipped 1,000 test images).")
    Path real;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the latents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        try (TrainedGenerator g = TrainedGenerator.load(run)) {
            if (!g.model.name().equals("Fashion")) {
                System.err.println(run + " trained " + g.model.name() + "; the FD classifier knows Fashion-MNIST only");
                return 2;
            }
            ImageDataset realImages = real == null ? FashionData.embedded("t10k") : IdxReader.readDirectory(real, "t10k");
            FashionFrechet.Result fd = FashionFrechet.evaluate(g.manager(), g::generate, g.model.latentShape(), realImages, samples, seed);
            if (fd == null) {
                System.err.println("no FashionClassifier is shipped in this build; run 'ganpoet classifier' first");
                return 2;
            }
            System.out.printf(Locale.ROOT,
                    "Frechet distance %.2f (epoch %d; %d generated vs %d real images from %s)%n",
                    fd.distance(), g.epoch, fd.generated(), fd.real(), fd.realOrigin());
        }
        return 0;
    }
}
