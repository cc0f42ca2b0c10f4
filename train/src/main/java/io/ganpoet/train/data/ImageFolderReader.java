package io.ganpoet.train.data;

import ai.djl.ndarray.types.Shape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads every image under a folder (recursively; PNG, JPEG, GIF, BMP) with the lecture's
 * transform: resize the shorter side to {@code size}, centre-crop to {@code size × size}, RGB or
 * grey. Files are read in sorted path order, so a dataset is the same on every machine. A file
 * that cannot be decoded fails the read with its path.
 */
public final class ImageFolderReader {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    private ImageFolderReader() {}

    /**
     * @param folder the folder
     * @param size output height and width
     * @param channels 3 for RGB, 1 for grey
     * @param limit read at most this many images (0: all)
     * @return the dataset
     * @throws IOException naming the folder or file on failure
     */
    public static ImageDataset read(Path folder, int size, int channels, int limit) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a directory of images");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted()
                    .collect(Collectors.toList());
        }
        if (limit > 0 && files.size() > limit) {
            files = files.subList(0, limit);
        }
        if (files.isEmpty()) {
            throw new IOException(folder + ": no images (" + String.join(", ", EXTENSIONS) + ") found");
        }
        int imageSize = channels * size * size;
        byte[] pixels = new byte[files.size() * imageSize];
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            BufferedImage image;
            try {
                image = ImageIO.read(file.toFile());
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ": unreadable image: " + e.getMessage(), e);
            }
            if (image == null) {
                throw new IOException(file + ": unreadable image: no decoder recognises its format");
            }
            writePlanes(resizeAndCrop(image, size), channels, pixels, i * imageSize);
        }
        return new ImageDataset(pixels, null, new Shape(channels, size, size), folder.toString());
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
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = rgb.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                int at = y * size + x;
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
}
