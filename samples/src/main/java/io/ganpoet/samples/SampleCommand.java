package io.ganpoet.samples;

import io.ganpoet.runtime.image.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

    @Option(
            names = "--count",
            defaultValue = "64",
            description = "Images in the grid (default: ${DEFAULT-VALUE});"
                    + " generated in batches of 256, up to a 50-megapixel picture. A conditional run's class rows get"
                    + " count / classes each, rounded up.")
    int count;

    @Option(
            names = "--class",
            paramLabel = "NAME|INDEX",
            description = "Conditional runs: draw only this class, by name"
                    + " (case and punctuation ignored, a unique prefix will do: sneaker, tshirt) or index.")
    String className;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the latents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--interpolate",
            paramLabel = "STEPS",
            description = "Instead of a grid: rows of STEPS images walking"
                    + " between two latents (within --class; else a conditional run's rows go through the classes).")
    Integer steps;

    @Option(names = "--rows", defaultValue = "6", description = "Interpolation rows (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--scale", defaultValue = "3", description = "Pixel magnification (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(
            names = "--raw",
            description = "Draw with the generator's trained weights rather than their average over training"
                    + " (the default where the run kept one: ema.decay above 0).")
    boolean raw;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "PNG to write (default: RUN_DIR/sample.png or RUN_DIR/interpolation.png).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (count < 1 || rows < 1 || scale < 1 || (steps != null && steps < 2)) {
            System.err.println(
                    "ganpoet sample: --count, --rows and --scale must be positive and --interpolate at least 2");
            return 2;
        }
        Path file = out != null ? out : run.resolve(steps == null ? "sample.png" : "interpolation.png");
        // The run first ("no such run", a run of another kind), then where the picture goes; both before generating.
        try (TrainedGenerator g = TrainedGenerator.load(run, raw)) {
            SampleDrawing.checkWritable(file);
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
            int height = (int) g.model.imageShape().get(1);
            int width = (int) g.model.imageShape().get(2);
            int images = steps == null ? (classRows ? classes * perClass : count) : rows * steps;
            int columns = steps == null ? (classRows ? perClass : ImageGrid.columnsFor(count)) : steps;
            SampleDrawing.checkSize(images, columns, height, width, steps, scale);
            BufferedImage grid = ImageGrid.blank(images, columns, height, width, scale);
            List<String> rowNames =
                    new SampleDrawing(g, seed, count, rows, steps, chosen, columns, scale, classRows).drawInto(grid);
            if (!rowNames.isEmpty()) {
                grid = ImageGrid.nameRows(grid, height, scale, rowNames);
            }
            SampleDrawing.write(grid, file);
            System.out.printf(
                    "%s: %d image(s)%s from epoch %d of %s (%s)%n",
                    file,
                    images,
                    chosen != null ? " of class " + g.rowNames().get(chosen) : "",
                    g.epoch,
                    run,
                    g.weights());
        }
        return 0;
    }
}
