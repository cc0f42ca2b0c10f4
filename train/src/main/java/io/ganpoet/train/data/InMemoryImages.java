package io.ganpoet.train.data;

import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Images held in memory as bytes, in chunks of at most {@value #CHUNK_BYTES} bytes so that no index is ever
 * {@code count · C · H · W} in an {@code int} (one array would overflow past 2 GiB, about 43,700 images of
 * 128×128×3). Memory is the size of the source (an IDX file, the shipped Fashion-MNIST slice) anyway.
 */
public final class InMemoryImages extends ImageSet {

    /** Largest chunk, in bytes: 64 MiB, small enough to allocate in a fragmented heap. */
    public static final int CHUNK_BYTES = 1 << 26;

    private final byte[][] chunks;
    private final int imagesPerChunk;
    private final int count;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * Images in one array.
     *
     * @param pixels {@code count · C · H · W} unsigned bytes, image after image, channel-major
     * @param labels one label per image, or {@code null}
     * @param imageShape {@code (C, H, W)}
     * @param origin where the images came from, for messages
     */
    public InMemoryImages(byte[] pixels, int[] labels, Shape imageShape, String origin) {
        this(
                new byte[][] {pixels},
                wholeImages(pixels.length, imageShape, origin),
                wholeImages(pixels.length, imageShape, origin),
                labels,
                imageShape,
                origin,
                List.of());
    }

    /**
     * Images in chunks: chunk {@code k} holds images {@code k · imagesPerChunk} onwards, every chunk but the last
     * exactly {@code imagesPerChunk} of them.
     */
    InMemoryImages(
            byte[][] chunks,
            int imagesPerChunk,
            int count,
            int[] labels,
            Shape imageShape,
            String origin,
            List<String> classNames) {
        super(imageShape, origin);
        long capacity = 0;
        for (byte[] chunk : chunks) {
            capacity += chunk.length;
        }
        if (capacity != (long) count * imageBytes()
                || (chunks.length > 1 && chunks[0].length != imagesPerChunk * imageBytes())) {
            throw new IllegalArgumentException(origin + ": " + capacity + " bytes in " + chunks.length
                    + " chunks do not hold " + count + " images of " + imageShape);
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException(origin + ": " + labels.length + " labels for " + count + " images");
        }
        if (!classNames.isEmpty() && labels != null) {
            for (int label : labels) {
                if (label >= classNames.size()) {
                    throw new IllegalArgumentException(origin + ": label " + label + " but only " + classNames.size()
                            + " class names " + classNames);
                }
            }
        }
        this.chunks = chunks;
        this.imagesPerChunk = Math.max(1, imagesPerChunk);
        this.count = count;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
    }

    /** How many images of {@code imageBytes} bytes a chunk holds. */
    static int imagesPerChunk(int imageBytes, int chunkBytes) {
        return Math.max(1, chunkBytes / imageBytes);
    }

    private static int wholeImages(int bytes, Shape imageShape, String origin) {
        long size = imageShape.size();
        if (size <= 0 || bytes % size != 0) {
            throw new IllegalArgumentException(
                    origin + ": " + bytes + " bytes is not a whole number of " + imageShape + " images");
        }
        return (int) (bytes / size);
    }

    /**
     * The same images with names for their labels (Fashion-MNIST's are {@link IdxReader#FASHION_MNIST_CLASSES}).
     *
     * @param names one per label value, in label order
     * @return a dataset sharing these images' bytes
     */
    public InMemoryImages withClassNames(List<String> names) {
        return new InMemoryImages(chunks, imagesPerChunk, count, labels, imageShape(), origin(), names);
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int label(int index) {
        return labels == null ? -1 : labels[checkIndex(index)];
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    protected void readImage(int index, byte[] into, int offset) {
        checkIndex(index);
        int bytes = imageBytes();
        System.arraycopy(chunks[index / imagesPerChunk], (index % imagesPerChunk) * bytes, into, offset, bytes);
    }
}
