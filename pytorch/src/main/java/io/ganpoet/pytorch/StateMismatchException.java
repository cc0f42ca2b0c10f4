package io.ganpoet.pytorch;

/** A state file that does not fit the model: the message names the first tensor that does not fit, with both shapes. */
public final class StateMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    StateMismatchException(String message) {
        super(message);
    }
}
