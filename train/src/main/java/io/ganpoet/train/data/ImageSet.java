package io.ganpoet.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Images as a DJL {@link ai.djl.training.dataset.RandomAccessDataset}: unsigned bytes {@code (C, H, W)} per image, served scaled to
 * [-1, 1] ({@code x / 127.5 - 1}, the lecture's {@code Normalize(0.5, 0.5)}), with an optional integer label
 * ({@code -1} when unknown).
 *
 * <p>Subclasses supply one primitive, {@link #readImage(int, byte[], int)}: copy image {@code i}'s bytes into a
 * buffer. A batch is assembled in one {@code byte[]} and crosses into the engine in one copy, so where the bytes
 * live (memory, files decoded on demand) does not change what a batch costs beyond reading them.
 *
 * <p>Two ways to read it:
 * <ul>
 *   <li>ganpoet's loop: {@link #batch(NDManager, int[], long, long)} gives a DJL {@link Batch} for chosen indices
 *       ({@link #batch(NDManager, int[])} the images alone);</li>
 *   <li>any DJL code: {@code getData(manager)} iterates one image per batch in order; pass a sampler for more,
 *       e.g. {@code getData(manager, new BatchSampler(new RandomSampler(), 64, true))}. Those batches are built by
 *       the same one-copy path and equal what DJL's per-record path would stack.</li>
 * </ul>
 */
public abstract class ImageSet extends OneCopyDataset {

    private final Shape imageShape;
    private final int imageBytes;
    private final String origin;

    /**
     * @param imageShape {@code (C, H, W)}
     * @param origin where the images come from, for messages
     */
    protected ImageSet(Shape imageShape, String origin) {
        if (imageShape.dimension() != 3) {
            throw new IllegalArgumentException(origin + ": image shape " + imageShape + " is not (C, H, W)");
        }
        this.imageShape = imageShape;
        this.imageBytes = Math.toIntExact(imageShape.size());
        this.origin = origin;
    }

    /**
     * Number of images.
     *
     * @return the count
     */
    public abstract int count();

    /**
     * The label of image {@code index}, or -1 when it has none.
     *
     * @param index the image
     * @return its label, or -1
     */
    public abstract int label(int index);

    /**
     * Whether every image carries a label.
     *
     * @return true when every image is labelled
     */
    public abstract boolean hasLabels();

    /**
     * The names of the label values, index by index; empty when unknown.
     *
     * @return the names, or an empty list
     */
    public List<String> classNames() {
        return List.of();
    }

    /**
     * Copies image {@code index}'s {@code C·H·W} bytes, channel-major, into {@code into} at {@code offset}.
     *
     * @throws UnreadableImageException when the image's source cannot be read
     * @param index the image
     * @param into where its bytes go
     * @param offset where in {@code into}
     */
    protected abstract void readImage(int index, byte[] into, int offset);

    /**
     * Copies the images at {@code indices} into {@code into}, one after another. Image by image here; a
     * subclass whose reads are slow (decoding files) overrides this to read them in parallel.
     *
     * @param indices the images
     * @param into where their bytes go, {@code indices.length · C·H·W} of them
     */
    protected void readImages(int[] indices, byte[] into) {
        for (int i = 0; i < indices.length; i++) {
            readImage(checkIndex(indices[i]), into, i * imageBytes);
        }
    }

    /**
     * {@code (C, H, W)}.
     *
     * @return one image's shape
     */
    public final Shape imageShape() {
        return imageShape;
    }

    /**
     * Bytes per image, {@code C·H·W}.
     *
     * @return the byte count
     */
    protected final int imageBytes() {
        return imageBytes;
    }

    /**
     * Where the images come from.
     *
     * @return a path, a file name or a description
     */
    public String origin() {
        return origin;
    }

    /**
     * What reading the source passed over (entries of a folder that are not images); none by default.
     *
     * @return the skipped entries
     */
    public SkippedEntries skipped() {
        return SkippedEntries.NONE;
    }

    /**
     * "6 images from ORIGIN", and what was skipped when something was: the line a program shows for its data.
     *
     * @return the line
     */
    public String describe() {
        String passed = skipped().describe();
        return count() + (count() == 1 ? " image" : " images") + " from " + origin()
                + (passed.isEmpty() ? "" : "; " + passed);
    }

    /**
     * The first {@code count} images (all, if fewer), as a view: no pixels are copied.
     *
     * @param count how many
     * @return the view
     */
    public ImageSet head(int count) {
        return new Slice(
                this,
                0,
                Math.max(0, Math.min(count, count())),
                origin + " (first " + Math.max(0, Math.min(count, count())) + ")");
    }

    /**
     * The images at {@code indices} as one float32 array {@code (B, C, H, W)} in [-1, 1].
     *
     * @param manager where to create the array
     * @param indices image indices
     * @return the images
     */
    public NDArray batch(NDManager manager, int[] indices) {
        byte[] pixels = new byte[Math.multiplyExact(indices.length, imageBytes)];
        readImages(indices, pixels);
        NDArray raw =
                manager.create(ByteBuffer.wrap(pixels), new Shape(indices.length).addAll(imageShape), DataType.UINT8);
        NDArray images = raw.toType(DataType.FLOAT32, false);
        raw.close();
        return images.divi(127.5f).subi(1f);
    }

    /**
     * The images and labels at {@code indices} as a DJL {@link Batch}: data {@code NDList(images)} as in {@link
     * #batch(NDManager, int[])}, labels {@code NDList(labels)} with labels an int32 {@code (B)} array ({@code -1}
     * where unknown), both batchified by {@link Batchifier#STACK} so that {@link Batch#split} shards it. The batch
     * owns a sub-manager of {@code manager}: closing it frees its arrays and leaves {@code manager} open.
     *
     * @param manager the parent of the batch's manager
     * @param indices image indices
     * @param progress the caller's position, reported by {@link Batch#getProgress()}
     * @param progressTotal the caller's total, reported by {@link Batch#getProgressTotal()}
     * @return the batch
     */
    public Batch batch(NDManager manager, int[] indices, long progress, long progressTotal) {
        NDManager owned = manager.newSubManager();
        try {
            NDArray images = batch(owned, indices);
            int[] labels = new int[indices.length];
            List<Long> positions = new ArrayList<>(indices.length);
            for (int i = 0; i < indices.length; i++) {
                labels[i] = label(indices[i]);
                positions.add((long) indices[i]);
            }
            return new Batch(
                    owned,
                    new NDList(images),
                    new NDList(owned.create(labels)),
                    indices.length,
                    Batchifier.STACK,
                    Batchifier.STACK,
                    progress,
                    progressTotal,
                    positions);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    final int checkIndex(int index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException(origin + ": image " + index + " of " + count());
        }
        return index;
    }
}
