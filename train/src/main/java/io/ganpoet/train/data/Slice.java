package io.ganpoet.train.data;

import java.util.List;

/** A contiguous run of another dataset's images, read through it (nothing is copied). */
final class Slice extends ImageSet {

    private final ImageSet all;
    private final int start;
    private final int count;

    Slice(ImageSet all, int start, int count, String origin) {
        super(all.imageShape(), origin);
        this.all = all;
        this.start = start;
        this.count = count;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int label(int index) {
        return all.label(start + checkIndex(index));
    }

    @Override
    public boolean hasLabels() {
        if (all.hasLabels()) {
            return true;
        }
        // A slice may miss the unlabelled images of a partly labelled folder.
        for (int i = start; i < start + count; i++) {
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
        all.readImage(start + checkIndex(index), into, offset);
    }

    @Override
    protected void readImages(int[] indices, byte[] into) {
        int[] at = new int[indices.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = start + checkIndex(indices[i]);
        }
        all.readImages(at, into);
    }
}
