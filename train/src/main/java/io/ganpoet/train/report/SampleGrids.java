package io.ganpoet.train.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.train.GanStep;
import io.ganpoet.train.TrainingListener;
import io.ganpoet.train.TrainingLoop;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.knowm.xchart.GifEncoder;

/**
 * After every {@code every} epochs, a PNG grid of the generator's images for one fixed latent
 * batch ({@code samples/epoch-NNN.png}), so progress is comparable across epochs; at the end an
 * animated GIF of all grids ({@code samples.gif}). The latent batch is drawn from its own seeded
 * generator, so a resumed run shows the same faces.
 */
public final class SampleGrids implements TrainingListener {

    private final GanStep step;
    private final NDManager manager;
    private final Path directory;
    private final int count;
    private final int every;
    private final long seed;
    private NDArray fixedLatents;

    public SampleGrids(GanStep step, NDManager manager, Path directory, int count, int every, long seed) {
        this.step = step;
        this.manager = manager;
        this.directory = directory;
        this.count = count;
        this.every = every;
        this.seed = seed;
    }

    /** The fixed latents for a model and seed: the same on every machine and after a resume. */
    public static NDArray fixedLatents(NDManager manager, Shape latentShape, int count, long seed) {
        Random random = new Random(seed ^ 0x5eed_1a7eL);
        Shape shape = new Shape(count).addAll(latentShape);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }

    @Override
    public void onStart(TrainingLoop.RunInfo run, int resumedEpoch) throws IOException {
        Files.createDirectories(directory.resolve("samples"));
        fixedLatents = fixedLatents(manager, step.model().latentShape(), count, seed);
    }

    @Override
    public void onEpochEnd(int epoch) throws IOException {
        if (epoch % every != 0) {
            return;
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray z = fixedLatents.duplicate();
            z.attach(scope);
            BufferedImage grid = ImageGrid.render(step.sample(z), ImageGrid.columnsFor(count), 2);
            ImageIO.write(grid, "png", directory.resolve(String.format(Locale.ROOT, "samples/epoch-%03d.png", epoch)).toFile());
        }
    }

    @Override
    public void onEnd(boolean completed) throws IOException {
        writeGif(directory.resolve("samples"), directory.resolve("samples.gif"));
    }

    /** An animated GIF of every {@code epoch-*.png} in a folder, in order. */
    public static void writeGif(Path samples, Path gif) throws IOException {
        if (!Files.isDirectory(samples)) {
            return;
        }
        List<Path> frames = new ArrayList<>();
        try (var stream = Files.list(samples)) {
            stream.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.png")).sorted().forEach(frames::add);
        }
        if (frames.isEmpty()) {
            return;
        }
        List<BufferedImage> images = new ArrayList<>();
        for (Path frame : frames) {
            images.add(ImageIO.read(frame.toFile()));
        }
        GifEncoder.saveGif(gif.toString(), images, 0, 600);
    }
}
