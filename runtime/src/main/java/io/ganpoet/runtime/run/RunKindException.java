package io.ganpoet.runtime.run;

import java.io.IOException;

/** A run of another kind than the one asked for (an autoencoder's run where a GAN's was expected, ...). */
public final class RunKindException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What the run is. */
    private final TrainedRun.Kind actual;

    RunKindException(String message, TrainedRun.Kind actual) {
        super(message);
        this.actual = actual;
    }

    /**
     * Returns what the run is.
     *
     * @return the run's kind
     */
    public TrainedRun.Kind actual() {
        return actual;
    }
}
