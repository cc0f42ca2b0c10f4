package io.ganpoet.train.report;

import ai.djl.ndarray.NDManager;
import io.ganpoet.train.RunListener;
import io.ganpoet.train.TrainingLoop;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.GifEncoder;

/**
 * After every {@code every} epochs, the step's {@link Picture} as {@code samples/epoch-NNN.png};
 * at the end an animated {@code samples.gif} of at most {@value #MAX_GIF_FRAMES} of them, evenly
 * spaced and always with the last, so a long run's GIF stays small.
 */
public final class Pictures implements RunListener {

    /** Frames in {@code samples.gif} at most. */
    public static final int MAX_GIF_FRAMES = 50;

    private final Picture picture;
    private final NDManager manager;
    private final Path directory;
    private final int every;

    /**
     * @param picture what to draw
     * @param manager parent of the scratch managers pictures are drawn in
     * @param directory the run directory
     * @param every draw every N epochs
     */
    public Pictures(Picture picture, NDManager manager, Path directory, int every) {
        this.picture = picture;
        this.manager = manager;
        this.directory = directory;
        this.every = every;
    }

    @Override
    public void onStart(TrainingLoop.RunInfo run, io.ganpoet.train.Checkpoints.Position resumedFrom) throws IOException {
        Files.createDirectories(directory.resolve("samples"));
    }

    @Override
    public void onEpochEnd(int epoch) throws IOException {
        if (epoch % every != 0) {
            return;
        }
        BufferedImage image;
        try (NDManager scope = manager.newSubManager()) {
            image = picture.draw(scope);
        }
        ImageIO.write(image, "png", directory.resolve(String.format(Locale.ROOT, "samples/epoch-%03d.png", epoch)).toFile());
    }

    @Override
    public void onEnd(boolean completed) throws IOException {
        writeGif(directory.resolve("samples"), directory.resolve("samples.gif"));
    }

    /** An animated GIF of the {@code epoch-*.png} in a folder, in order, at most {@link #MAX_GIF_FRAMES}. */
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
        for (int index : evenlySpaced(frames.size(), MAX_GIF_FRAMES)) {
            images.add(ImageIO.read(frames.get(index).toFile()));
        }
        GifEncoder.saveGif(gif.toString(), images, 0, 600);
    }

    /** {@code min(n, max)} indices from 0 to n − 1, evenly spaced, first and last included. */
    static int[] evenlySpaced(int n, int max) {
        int count = Math.min(n, max);
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = count == 1 ? n - 1 : (int) Math.round((double) i * (n - 1) / (count - 1));
        }
        return indices;
    }
}
