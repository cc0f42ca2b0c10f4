package io.ganpoet.train.loop;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Training stopped because it was asked to (SIGINT, SIGTERM, a caller's condition) between two
 * steps. The position reached is checkpointed first, so the run resumes exactly where it stopped.
 */
public final class TrainingStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Position position;
    private final transient Path checkpoint;

    /**
     * Creates the exception.
     *
     * @param position where training stopped
     * @param checkpoint the checkpoint holding it, or {@code null} when no step had run
     */
    public TrainingStoppedException(Position position, Path checkpoint) {
        super(
                checkpoint == null
                        ? "stopped before the first step; nothing was trained or kept"
                        : "stopped at epoch " + (position.epoch() + (position.stepInEpoch() > 0 ? 1 : 0))
                                + ", global step " + position.step() + "; the checkpoint " + checkpoint + " holds it");
        this.position = position;
        this.checkpoint = checkpoint;
    }

    /**
     * Where training stopped.
     *
     * @return the position
     */
    public Position position() {
        return position;
    }

    /**
     * The checkpoint holding that position, or empty when no step had run.
     *
     * @return the checkpoint's directory, or empty
     */
    public Optional<Path> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }
}
