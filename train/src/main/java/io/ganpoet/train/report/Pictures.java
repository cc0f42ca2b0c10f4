package io.ganpoet.train.report;

import ai.djl.ndarray.NDManager;
import com.madgag.gif.fmsware.AnimatedGifEncoder;
import io.ganpoet.train.loop.Picture;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.loop.TrainingLoop;
import io.ganpoet.train.run.FileErrors;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

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
    public void onStart(TrainingLoop.RunInfo run, io.ganpoet.train.loop.Position resumedFrom) throws IOException {
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
        writePng(image, directory.resolve(String.format(Locale.ROOT, "samples/epoch-%03d.png", epoch)));
    }

    @Override
    public void onEnd(boolean completed) throws IOException {
        writeGif(directory.resolve("samples"), directory.resolve("samples.gif"));
    }

    /**
     * An animated GIF of the {@code epoch-*.png} in a folder, in order, at most {@link #MAX_GIF_FRAMES}.
     *
     * @param samples the folder of {@code epoch-*.png}
     * @param gif the GIF to write
     * @throws IOException naming the file that cannot be read or written
     */
    public static void writeGif(Path samples, Path gif) throws IOException {
        if (!Files.isDirectory(samples)) {
            return;
        }
        List<Path> frames = new ArrayList<>();
        try (var stream = Files.list(samples)) {
            stream.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.png"))
                    .sorted()
                    .forEach(frames::add);
        }
        if (frames.isEmpty()) {
            return;
        }
        List<BufferedImage> images = new ArrayList<>();
        for (int index : evenlySpaced(frames.size(), MAX_GIF_FRAMES)) {
            images.add(ImageIO.read(frames.get(index).toFile()));
        }
        // The encoder xchart wraps reports a failed write only as "false"; a full disk must be an
        // error naming the file.
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(gif), 1 << 16)) {
            AnimatedGifEncoder encoder = new AnimatedGifEncoder();
            encoder.setRepeat(0);
            boolean ok = encoder.start(out);
            encoder.setDelay(600);
            for (BufferedImage image : images) {
                ok &= encoder.addFrame(image);
            }
            ok &= encoder.finish();
            if (!ok) {
                throw new IOException("the GIF could not be written (is the disk full?)");
            }
        } catch (IOException e) {
            throw FileErrors.naming(gif, e);
        }
    }

    /**
     * Writes a PNG through a stream the JDK opened, so a missing or read-only folder or a full
     * disk is an error naming the file (ImageIO's own file variant says only "Can't create an
     * ImageOutputStream!").
     *
     * @param image the picture
     * @param file where it goes
     * @throws IOException naming the file
     */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        // A memory-cached image stream: ImageIO's default for streams is a temporary file marked
        // deleteOnExit, which throws "Shutdown in progress" while SIGINT's checkpoint is written.
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IOException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        }
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
