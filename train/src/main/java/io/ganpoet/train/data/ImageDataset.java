package io.ganpoet.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;

/**
 * Images held in memory as bytes, served as DJL records and batches scaled to [-1, 1] (the
 * lecture's {@code Normalize(0.5, 0.5)}). Labels are optional ({@code -1} when unknown).
 */
public final class ImageDataset extends RandomAccessDataset {

    private final byte[] pixels;
    private final int[] labels;
    private final Shape imageShape;
    private final int imageSize;
    private final String origin;

    /**
     * @param pixels {@code count · C · H · W} unsigned bytes, image after image, channel-major
     * @param labels one label per image, or {@code null}
     * @param imageShape {@code (C, H, W)}
     * @param origin where the images came from, for messages
     */
    public ImageDataset(byte[] pixels, int[] labels, Shape imageShape, String origin) {
        super(new Sampling().setSampling(1, false));
        this.imageShape = imageShape;
        this.imageSize = Math.toIntExact(imageShape.size());
        if (pixels.length % imageSize != 0) {
            throw new IllegalArgumentException(
                    origin + ": " + pixels.length + " bytes is not a whole number of " + imageShape + " images");
        }
        int count = pixels.length / imageSize;
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException(
                    origin + ": " + labels.length + " labels for " + count + " images");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.origin = origin;
    }

    /** Number of images. */
    public int count() {
        return pixels.length / imageSize;
    }

    /** {@code (C, H, W)}. */
    public Shape imageShape() {
        return imageShape;
    }

    /** Where the images came from. */
    public String origin() {
        return origin;
    }

    /** The label of image {@code index}, or -1. */
    public int label(int index) {
        return labels == null ? -1 : labels[index];
    }

    /** Whether the images carry labels. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** The first {@code count} images (or all, if fewer). */
    public ImageDataset head(int count) {
        int n = Math.min(count, count());
        byte[] part = java.util.Arrays.copyOf(pixels, n * imageSize);
        int[] partLabels = labels == null ? null : java.util.Arrays.copyOf(labels, n);
        return new ImageDataset(part, partLabels, imageShape, origin + " (first " + n + ")");
    }

    /**
     * Returns the images at {@code indices} as one float batch {@code (B, C, H, W)} in [-1, 1].
     *
     * @param manager where to create the batch
     * @param indices image indices
     * @return the batch
     */
    public NDArray batch(NDManager manager, int[] indices) {
        byte[] chunk = new byte[indices.length * imageSize];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * imageSize, chunk, i * imageSize, imageSize);
        }
        return manager.create(java.nio.ByteBuffer.wrap(chunk), new Shape(indices.length).addAll(imageShape), DataType.UINT8)
                .toType(DataType.FLOAT32, false)
                .div(127.5f)
                .sub(1f);
    }

    /** {@inheritDoc} */
    @Override
    public Record get(NDManager manager, long index) {
        NDArray image = batch(manager, new int[] {Math.toIntExact(index)}).squeeze(0);
        NDArray label = manager.create((float) label(Math.toIntExact(index)));
        return new Record(new NDList(image), new NDList(label));
    }

    /** {@inheritDoc} */
    @Override
    protected long availableSize() {
        return count();
    }

    /** DJL's dataset builder, only to satisfy the base constructor; batching is ganpoet's. */
    private static final class Sampling extends RandomAccessDataset.BaseBuilder<Sampling> {
        @Override
        protected Sampling self() {
            return this;
        }
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(Progress progress) {
        // Images are read eagerly by IdxReader / ImageFolderReader.
    }
}
