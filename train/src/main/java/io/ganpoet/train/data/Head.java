package io.ganpoet.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.DataIterable;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The first {@code count} images of another dataset. */
final class Head extends ImageDataset {

    private final ImageDataset all;
    private final int count;

    Head(ImageDataset all, int count) {
        super(all.imageShape(), all.origin() + " (first " + count + ")");
        this.all = all;
        this.count = count;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int label(int index) {
        return all.label(checkIndex(index));
    }

    @Override
    public boolean hasLabels() {
        if (all.hasLabels()) {
            return true;
        }
        // A head may stop before the unlabelled images of a partly labelled folder.
        for (int i = 0; i < count; i++) {
            if (all.label(i) < 0) {
                return false;
            }
        }
        return count > 0;
    }

    @Override
    public List<String> classNames() {
        return all.classNames();
    }

    @Override
    public SkippedEntries skipped() {
        return all.skipped();
    }

    @Override
    protected void readImage(int index, byte[] into, int offset) {
        all.readImage(checkIndex(index), into, offset);
    }

    @Override
    protected void readImages(int[] indices, byte[] into) {
        for (int index : indices) {
            checkIndex(index);
        }
        all.readImages(indices, into);
    }
}
