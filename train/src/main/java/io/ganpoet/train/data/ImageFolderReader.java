package io.ganpoet.train.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Image folders with the lecture's transform: resize the shorter side to {@code size}, centre-crop to {@code
 * size × size}, RGB or grey. {@link #read} lists a folder into a lazy {@link ImageFolderDataset}; {@link #decode}
 * is the transform of one file, which that dataset runs per batch.
 *
 * <p>Decoding is {@code javax.imageio} rather than DJL's {@code basicdataset} {@code ImageFolder}: that would add
 * an artifact and decode through DJL's {@code ImageFactory} into NDArrays image by image, whereas here the bytes of a
 * whole batch are gathered in Java and cross into the engine once, and the transform (and so every dataset and
 * picture made so far) stays exactly what it was.
 */
public final class ImageFolderReader {

    /** File name endings read, lower case. */
    public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    private ImageFolderReader() {}

    /**
     * Lists the images under {@code folder}, decoding none of them; see {@link ImageFolderDataset} for order and
     * labels.
     *
     * @param folder the folder
     * @param size output height and width
     * @param channels 3 for RGB, 1 for grey
     * @param limit keep at most this many images, the first in order (0: all)
     * @return the dataset
     * @throws IOException naming the folder when it is not a directory or holds no images
     */
    public static ImageFolderDataset read(Path folder, int size, int channels, int limit) throws IOException {
        return ImageFolderDataset.open(folder, size, channels, limit);
    }

    /**
     * Decodes one file with the transform into {@code into} at {@code offset}: {@code channels · size · size} bytes,
     * channel-major.
     *
     * @throws UnreadableImageException naming the file when it cannot be decoded
     */
    static void decode(Path file, int size, int channels, byte[] into, int offset) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException(file, reason(e), e);
        }
        if (image == null) {
            throw new UnreadableImageException(file, "no decoder recognises its format", null);
        }
        writePlanes(resizeAndCrop(image, size), channels, into, offset);
    }

    /** The decoder's own words, on one line; its class name when it gave none. */
    private static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse(message);
    }

    /** Shorter side to {@code size} (bilinear), then the centred {@code size × size} square. */
    static BufferedImage resizeAndCrop(BufferedImage image, int size) {
        double scale = (double) size / Math.min(image.getWidth(), image.getHeight());
        int w = Math.max(size, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(size, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, (size - w) / 2, (size - h) / 2, w, h, null);
        g.dispose();
        return out;
    }

    private static void writePlanes(BufferedImage rgb, int channels, byte[] into, int offset) {
        int size = rgb.getWidth();
        int plane = size * size;
        // One bulk read of the packed pixels; getRGB per pixel costs a colour-model call each.
        int[] packed = rgb.getRGB(0, 0, size, size, null, 0, size);
        for (int at = 0; at < plane; at++) {
            int p = packed[at];
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            if (channels == 1) {
                into[offset + at] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            } else {
                into[offset + at] = (byte) r;
                into[offset + plane + at] = (byte) g;
                into[offset + 2 * plane + at] = (byte) b;
            }
        }
    }
}
