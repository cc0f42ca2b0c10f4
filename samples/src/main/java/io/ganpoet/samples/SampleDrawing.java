package io.ganpoet.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.runtime.image.ImageGrid;
import io.ganpoet.runtime.run.Latents;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What {@code ganpoet sample} draws into its grid: a conditional run's class rows (the same latents
 * in every row), {@code --count} images in batches of {@link #BATCH} (one class with
 * {@code --class}), or {@code --interpolate} strips between two latents.
 */
final class SampleDrawing {

    /**
     * The largest grid drawn, in pixels: 50 megapixels is 200 MB as an RGB image in memory and a PNG
     * few viewers open. Larger requests are refused before any work (e.g. 55,000 Fashion images at
     * --scale 1, 6,000 at the default --scale 3).
     */
    static final long MAX_GRID_PIXELS = 50_000_000L;

    /** Latents generated at once: memory is bounded by one batch plus the grid, whatever --count is. */
    static final int BATCH = 256;

    private final TrainedGenerator g;
    private final long seed;
    private final int count;
    private final int rows;
    private final Integer steps;
    private final Integer chosen;
    private final int columns;
    private final int scale;
    private final boolean classRows;

    SampleDrawing(
            TrainedGenerator g,
            long seed,
            int count,
            int rows,
            Integer steps,
            Integer chosen,
            int columns,
            int scale,
            boolean classRows) {
        this.g = g;
        this.seed = seed;
        this.count = count;
        this.rows = rows;
        this.steps = steps;
        this.chosen = chosen;
        this.columns = columns;
        this.scale = scale;
        this.classRows = classRows;
    }

    /** Draws the images into {@code grid}; returns the row names (empty when rows are unnamed). */
    List<String> drawInto(BufferedImage grid) {
        int perClass = classRows ? columns : 0;
        List<String> rowNames = new ArrayList<>();
        Shape latent = g.model.latentShape();
        int classes = g.model.classes();
        if (classRows) {
            try (NDManager scope = g.manager().newSubManager()) {
                NDArray z = Latents.fixed(scope, latent, perClass, seed);
                for (int k = 0; k < classes; k++) {
                    ImageGrid.draw(
                            grid,
                            g.generate(z, Latents.classRows(scope, 1, perClass).add(k)),
                            k * perClass,
                            columns,
                            scale);
                }
            }
            rowNames = g.rowNames();
        } else if (steps == null) {
            Random latents = Latents.random(seed);
            for (int first = 0; first < count; first += BATCH) {
                try (NDManager scope = g.manager().newSubManager()) {
                    int n = Math.min(BATCH, count - first);
                    NDArray z = Latents.next(scope, latent, n, latents);
                    NDArray drawn = chosen == null
                            ? g.generate(z)
                            : g.generate(z, Latents.classRows(scope, 1, n).add(chosen));
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
                            drawn = g.generate(
                                    z, Latents.classRows(scope, 1, steps).add(label));
                            rowNames.add(g.rowNames().get(label));
                        } else {
                            drawn = g.generate(z);
                        }
                        ImageGrid.draw(grid, drawn, r * steps, columns, scale);
                    }
                }
            }
        }
        return rowNames;
    }

    /** The most images of this size whose default-shaped grid fits {@link #MAX_GRID_PIXELS} at this scale. */
    static long largestCount(int height, int width, Integer steps, int scale) {
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
    static void checkWritable(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("cannot write " + file + ": the folder " + folder
                    + " does not exist; create it, or choose another file with --out FILE");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(
                    "cannot write " + file + ": it is a directory; give a file name with --out FILE");
        }
    }

    /** Refuses, before any work, a grid over {@link #MAX_GRID_PIXELS}, saying how many images fit. */
    static void checkSize(int images, int columns, int height, int width, Integer steps, int scale) {
        long pixels = ImageGrid.pixels(images, columns, height, width, scale);
        if (pixels > MAX_GRID_PIXELS) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%d images at --scale %d make a %.0f-megapixel picture, over the cap of %d megapixels;"
                            + " ask for at most %d images at this scale (or lower --scale)",
                    images,
                    scale,
                    pixels / 1e6,
                    MAX_GRID_PIXELS / 1_000_000,
                    largestCount(height, width, steps, scale)));
        }
    }

    /** Writes the picture; a failure names the file and says to choose another with {@code --out}. */
    static void write(BufferedImage grid, Path file) throws java.io.IOException {
        try {
            io.ganpoet.train.report.Pictures.writePng(grid, file);
        } catch (java.io.IOException e) {
            throw new java.io.IOException(
                    "cannot write " + io.ganpoet.train.run.FileErrors.describe(e)
                            + "; choose another file with --out FILE",
                    e);
        }
    }
}
