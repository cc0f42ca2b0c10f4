package io.ganpoet.runtime.run;

import java.io.IOException;

/** A checkpoint whose files do not match its manifest, or that cannot be read: its message names the file. */
public class DamagedCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one sentence naming the file and what is wrong with it
     */
    public DamagedCheckpointException(String message) {
        super(message);
    }
}
