package io.ganpoet.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.train.report.ImageGrid;
import io.ganpoet.train.GanStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ganpoet sample}: checkpoint → PNG grid, or interpolation strips between latents. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = "Draw images from a trained run's generator: a grid, or --interpolate strips between two latents.")
final class SampleCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by 'ganpoet train'.")
    Path run;

    @Option(names = "--count", defaultValue = "64", description = "Images in the grid (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the latents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interpolate", paramLabel = "STEPS", description = "Instead of a grid: rows of STEPS images walking between two latents.")
    Integer steps;

    @Option(names = "--rows", defaultValue = "6", description = "Interpolation rows (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--scale", defaultValue = "3", description = "Pixel magnification (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--out", paramLabel = "FILE", description = "PNG to write (default: RUN_DIR/sample.png or RUN_DIR/interpolation.png).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (count < 1 || rows < 1 || scale < 1 || (steps != null && steps < 2)) {
            System.err.println("--count, --rows and --scale must be positive and --interpolate at least 2");
            return 2;
        }
        try (TrainedGenerator g = TrainedGenerator.load(run);
                NDManager scope = g.manager().newSubManager()) {
            Shape latent = g.model.latentShape();
            NDArray images;
            int columns;
            Path file;
            if (steps == null) {
                images = g.generate(GanStep.fixedLatents(scope, latent, count, seed));
                columns = ImageGrid.columnsFor(count);
                file = out != null ? out : run.resolve("sample.png");
            } else {
                NDArray ends = GanStep.fixedLatents(scope, latent, 2 * rows, seed);
                NDList strips = new NDList();
                for (int r = 0; r < rows; r++) {
                    NDArray a = ends.get(2 * r);
                    NDArray b = ends.get(2 * r + 1);
                    for (int s = 0; s < steps; s++) {
                        float t = (float) s / (steps - 1);
                        strips.add(a.mul(1 - t).add(b.mul(t)).expandDims(0));
                    }
                }
                images = g.generate(NDArrays.concat(strips));
                columns = steps;
                file = out != null ? out : run.resolve("interpolation.png");
            }
            ImageIO.write(ImageGrid.render(images, columns, scale), "png", file.toFile());
            System.out.printf("%s: %d image(s) from epoch %d of %s%n",
                    file, images.getShape().get(0), g.epoch, run);
        }
        return 0;
    }

}
