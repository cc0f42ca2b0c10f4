package io.ganpoet.train.data;

import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads MNIST-layout IDX files (MNIST, Fashion-MNIST), gzipped or not: images {@code
 * (count, rows, cols)} of unsigned bytes (magic {@code 0x00000803}) and labels {@code (count)}
 * (magic {@code 0x00000801}). Every failure names the file and what was expected.
 */
public final class IdxReader {

    /** Fashion-MNIST's label names, label 0 first; attach them with {@link InMemoryImages#withClassNames}. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /**
     * Reads a directory holding {@code <prefix>-images-idx3-ubyte[.gz]} and, when present, {@code
     * <prefix>-labels-idx1-ubyte[.gz]}.
     *
     * @param dir the directory
     * @param prefix {@code train} or {@code t10k}
     * @return the dataset
     * @throws IOException naming the file on any failure
     */
    public static InMemoryImages readDirectory(Path dir, String prefix) throws IOException {
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = findOptional(dir, prefix + "-labels-idx1-ubyte");
        return read(images, labels);
    }

    private static Path find(Path dir, String name) throws IOException {
        Path found = findOptional(dir, name);
        if (found == null) {
            throw new NoSuchFileException(
                    dir.resolve(name).toString(),
                    null,
                    "no " + name + " or " + name + ".gz in " + dir
                            + " (expected the MNIST / Fashion-MNIST IDX layout)");
        }
        return found;
    }

    private static Path findOptional(Path dir, String name) {
        for (String candidate : List.of(name, name + ".gz")) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Reads an images file and, optionally, its labels file.
     *
     * @param images the {@code idx3-ubyte} images file
     * @param labels the {@code idx1-ubyte} labels file, or {@code null}
     * @return the 1-channel images, with their labels when a labels file is given
     * @throws IOException naming the file on any failure
     */
    public static InMemoryImages read(Path images, Path labels) throws IOException {
        return read(
                () -> Files.newInputStream(images),
                images.toString(),
                labels == null ? null : () -> Files.newInputStream(labels),
                labels == null ? null : labels.toString());
    }

    /** Opens a stream; lets files and class-path resources be read alike. */
    @FunctionalInterface
    public interface Source {
        /**
         * Opens the stream.
         *
         * @return a new stream, to be closed by the caller
         * @throws IOException when the source cannot be opened
         */
        InputStream open() throws IOException;
    }

    /**
     * Reads images and optional labels from any streams (files, class-path resources).
     *
     * @param images the images stream
     * @param imagesName its name for messages
     * @param labels the labels stream, or {@code null}
     * @param labelsName its name for messages
     * @return the dataset
     * @throws IOException naming the source on any failure
     */
    public static InMemoryImages read(Source images, String imagesName, Source labels, String labelsName)
            throws IOException {
        int[] dims = new int[4];
        byte[][] chunks = readImages(images, imagesName, dims);
        int[] labelValues = labels == null ? null : readLabels(labels, labelsName, dims[0]);
        return new InMemoryImages(
                chunks, dims[3], dims[0], labelValues, new Shape(1, dims[1], dims[2]), imagesName, List.of());
    }

    /** Reads the images into chunks ({@link InMemoryImages#CHUNK_BYTES}); {@code dims}: count, rows, cols, per chunk. */
    private static byte[][] readImages(Source source, String file, int[] dims) throws IOException {
        try (DataInputStream in = open(source)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(file + ": not an IDX images file: magic number 0x" + hex(magic)
                        + ", expected 0x00000803 (unsigned bytes, 3 dimensions)");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new IOException(file + ": bad IDX header: " + count + " images of " + rows + "×" + cols);
            }
            int imageBytes = Math.multiplyExact(rows, cols);
            int perChunk = InMemoryImages.imagesPerChunk(imageBytes, InMemoryImages.CHUNK_BYTES);
            dims[0] = count;
            dims[1] = rows;
            dims[2] = cols;
            dims[3] = perChunk;
            byte[][] chunks = new byte[(int) (((long) count + perChunk - 1) / perChunk)][];
            for (int k = 0; k < chunks.length; k++) {
                chunks[k] = new byte[Math.min(perChunk, count - k * perChunk) * imageBytes];
                readFully(in, chunks[k], file, count + " images of " + rows + "×" + cols);
            }
            return chunks;
        } catch (ZipException e) {
            throw new IOException(file + ": corrupt gzip data: " + e.getMessage(), e);
        }
    }

    private static int[] readLabels(Source source, String file, int expected) throws IOException {
        try (DataInputStream in = open(source)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IOException(file + ": not an IDX labels file: magic number 0x" + hex(magic)
                        + ", expected 0x00000801 (unsigned bytes, 1 dimension)");
            }
            int count = in.readInt();
            if (count != expected) {
                throw new IOException(file + ": " + count + " labels, but the images file has " + expected + " images");
            }
            byte[] raw = new byte[count];
            readFully(in, raw, file, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xff;
            }
            return labels;
        } catch (ZipException e) {
            throw new IOException(file + ": corrupt gzip data: " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Source source) throws IOException {
        InputStream raw = new BufferedInputStream(source.open(), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return new DataInputStream(raw);
    }

    private static void readFully(DataInputStream in, byte[] into, String file, String what) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated: the header promises " + what + " but the file ends early", e);
        }
    }

    private static String hex(int value) {
        return String.format("%08x", value);
    }
}
