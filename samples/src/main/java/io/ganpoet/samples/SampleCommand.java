package io.ganpoet.samples;

import io.ganpoet.runtime.run.Latents;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.train.run.FileErrors;
import io.ganpoet.runtime.image.ImageGrid;
import io.ganpoet.train.report.Pictures;
import io.ganpoet.train.gan.GanStep;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ganpoet sample}: checkpoint → PNG grid, or interpolation strips between latents. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = {
            "Draw images from a trained run's generator: a grid, or --interpolate strips between two latents.",
            "A conditional run (e.g. --model fashion-conditional) draws one named row per class, or only --class NAME|INDEX."
        })
final class SampleCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by 'ganpoet train'.")
    Path run;

    @Option(names = "--count", defaultValue = "64", description = "Images in the grid (default: ${DEFAULT-VALUE});"
            + " generated in batches of 256, up to a 50-megapixel picture. A conditional run's class rows get"
            + " count / classes each, rounded up.")
    int count;

    @Option(names = "--class", paramLabel = "NAME|INDEX", description = "Conditional runs: draw only this class, by name"
            + " (case and punctuation ignored, a unique prefix will do: sneaker, tshirt) or index.")
    String className;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the latents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interpolate", paramLabel = "STEPS", description = "Instead of a grid: rows of STEPS images walking"
            + " between two latents (within --class; else a conditional run's rows go through the classes).")
    Integer steps;

    @Option(names = "--rows", defaultValue = "6", description = "Interpolation rows (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--scale", defaultValue = "3", description = "Pixel magnification (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--out", paramLabel = "FILE", description = "PNG to write (default: RUN_DIR/sample.png or RUN_DIR/interpolation.png).")
    Path out;

    /**
     * The largest grid drawn, in pixels: 50 megapixels is 200 MB as an RGB image in memory and a PNG
     * few viewers open. Larger requests are refused before any work (e.g. 55,000 Fashion images at
     * --scale 1, 6,000 at the default --scale 3).
     */
    static final long MAX_GRID_PIXELS = 50_000_000L;

    /** Latents generated at once: memory is bounded by one batch plus the grid, whatever --count is. */
    static final int BATCH = 256;

    @Override
    public Integer call() throws IOException {
        if (count < 1 || rows < 1 || scale < 1 || (steps != null && steps < 2)) {
            System.err.println("ganpoet sample: --count, --rows and --scale must be positive and --interpolate at least 2");
            return 2;
        }
        Path file = out != null ? out : run.resolve(steps == null ? "sample.png" : "interpolation.png");
        // The run first ("no such run", a run of another kind), then where the picture goes; both before generating.
        try (TrainedGenerator g = TrainedGenerator.load(run)) {
            checkWritable(file);
            int classes = g.model.classes();
            Integer chosen = null;
            if (className != null) {
                try {
                    chosen = g.classIndex(className);
                } catch (IllegalArgumentException e) {
                    System.err.println("ganpoet sample: " + run + ": " + e.getMessage());
                    return 2;
                }
            }
            // A conditional run without --class: one row per class, the same latents in every row.
            boolean classRows = classes > 0 && chosen == null && steps == null;
            int perClass = classRows ? (count + classes - 1) / classes : 0;
            Shape latent = g.model.latentShape();
            int height = (int) g.model.imageShape().get(1);
            int width = (int) g.model.imageShape().get(2);
            int images = steps == null ? (classRows ? classes * perClass : count) : rows * steps;
            int columns = steps == null ? (classRows ? perClass : ImageGrid.columnsFor(count)) : steps;
            long pixels = ImageGrid.pixels(images, columns, height, width, scale);
            if (pixels > MAX_GRID_PIXELS) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%d images at --scale %d make a %.0f-megapixel picture, over the cap of %d megapixels;"
                                + " ask for at most %d images at this scale (or lower --scale)",
                        images, scale, pixels / 1e6, MAX_GRID_PIXELS / 1_000_000, largestCount(height, width)));
            }
            BufferedImage grid = ImageGrid.blank(images, columns, height, width, scale);
            List<String> rowNames = new ArrayList<>();
            if (classRows) {
                try (NDManager scope = g.manager().newSubManager()) {
                    NDArray z = Latents.fixed(scope, latent, perClass, seed);
                    for (int k = 0; k < classes; k++) {
                        ImageGrid.draw(grid, g.generate(z, Latents.classRows(scope, 1, perClass).add(k)), k * perClass, columns, scale);
                    }
                }
                rowNames = g.rowNames();
            } else if (steps == null) {
                Random latents = Latents.random(seed);
                for (int first = 0; first < count; first += BATCH) {
                    try (NDManager scope = g.manager().newSubManager()) {
                        int n = Math.min(BATCH, count - first);
                        NDArray z = Latents.next(scope, latent, n, latents);
                        NDArray drawn = chosen == null ? g.generate(z) : g.generate(z, Latents.classRows(scope, 1, n).add(chosen));
                        ImageGrid.draw(grid, drawn, first, columns, scale);
                    }
                }
            } else {
                // One strip (row) at a time, same latents as drawing them all at once.
                try (NDManager all = g.manager().newSubManager()) {
                    NDArray ends = Latents.fixed(all, latent, 2 * rows, seed);
                    for (int r = 0; r < rows; r++) {
                        try (NDManager scope = all.newSubManager()) {
                            NDArray a = ends.get(2 * r);
                            NDArray b = ends.get(2 * r + 1);
                            NDList strip = new NDList();
                            for (int s = 0; s < steps; s++) {
                                float t = (float) s / (steps - 1);
                                strip.add(a.mul(1 - t).add(b.mul(t)).expandDims(0));
                            }
                            NDArray z = NDArrays.concat(strip);
                            NDArray drawn;
                            if (classes > 0) {
                                int label = chosen != null ? chosen : r % classes;
                                drawn = g.generate(z, Latents.classRows(scope, 1, steps).add(label));
                                rowNames.add(g.rowNames().get(label));
                            } else {
                                drawn = g.generate(z);
                            }
                            ImageGrid.draw(grid, drawn, r * steps, columns, scale);
                        }
                    }
                }
            }
            if (!rowNames.isEmpty()) {
                grid = ImageGrid.nameRows(grid, height, scale, rowNames);
            }
            try {
                Pictures.writePng(grid, file);
            } catch (IOException e) {
                throw new IOException("cannot write " + FileErrors.describe(e) + "; choose another file with --out FILE", e);
            }
            System.out.printf("%s: %d image(s)%s from epoch %d of %s%n", file, images,
                    chosen != null ? " of class " + g.rowNames().get(chosen) : "", g.epoch, run);
        }
        return 0;
    }

    /** The most images of this size whose default-shaped grid fits {@link #MAX_GRID_PIXELS} at this scale. */
    private long largestCount(int height, int width) {
        long low = 1;
        long high = 10_000_000;
        while (low < high) {
            long mid = (low + high + 1) / 2;
            int columns = steps == null ? ImageGrid.columnsFor((int) mid) : steps;
            if (ImageGrid.pixels(mid, columns, height, width, scale) <= MAX_GRID_PIXELS) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** The picture's folder must exist and take files: said before minutes of generating. */
    private static void checkWritable(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("cannot write " + file + ": the folder " + folder
                    + " does not exist; create it, or choose another file with --out FILE");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("cannot write " + file + ": it is a directory; give a file name with --out FILE");
        }
    }
}
