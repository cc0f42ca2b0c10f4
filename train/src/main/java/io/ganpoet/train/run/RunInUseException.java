package io.ganpoet.train.run;

import java.io.IOException;

/** The run directory is held by another process (the message names its pid when known). */
public final class RunInUseException extends IOException {
    private static final long serialVersionUID = 1L;

    RunInUseException(String message) {
        super(message);
    }
}
