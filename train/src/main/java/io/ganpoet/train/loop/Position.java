package io.ganpoet.train.loop;

/**
 * Where training stands: completed epochs, steps done in the next epoch, steps overall. A
 * checkpoint records one; the loop resumes from one.
 *
 * @param epoch completed epochs
 * @param stepInEpoch steps already done in the next epoch
 * @param step steps overall
 */
public record Position(int epoch, int stepInEpoch, long step) {

    /** The position of a run that has not trained yet. */
    public static final Position START = new Position(0, 0, 0);
}
