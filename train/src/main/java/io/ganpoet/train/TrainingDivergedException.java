package io.ganpoet.train;

/** A loss became NaN or infinite; the message names the metric, epoch and step. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
