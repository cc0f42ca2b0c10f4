package io.ganpoet.train.data;

/**
 * Training images and held-out images cut from one set, for data that ships no test split (an
 * image folder, an IDX directory without {@code t10k} files).
 *
 * @param train the images trained on
 * @param heldOut the images measured on, never trained on
 */
public record HeldOut(ImageSet train, ImageSet heldOut) {

    /**
     * The first nine tenths to train on and the last tenth (at least one image) held out; both
     * read through {@code all}, nothing copied.
     *
     * @param all the images, at least two
     * @return the split
     */
    public static HeldOut lastTenth(ImageSet all) {
        if (all.count() < 2) {
            throw new IllegalArgumentException(all.origin() + ": " + all.count()
                    + " images cannot be split into training and held-out images; give at least 2");
        }
        int held = Math.max(1, all.count() / 10);
        int keep = all.count() - held;
        return new HeldOut(all.head(keep), new Slice(all, keep, held, all.origin() + " (last " + held + ", held out)"));
    }
}
