package io.ganpoet.train.run;

/** A resume asks for what the run cannot do: other settings, or fewer epochs than it has. */
public final class ResumeConflictException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ResumeConflictException(String message) {
        super(message);
    }
}
