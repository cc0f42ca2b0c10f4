package io.ganpoet.train.config;

/** An invalid configuration; the message names the file (or command line) and the key. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one sentence naming the origin, the key and what is expected
     */
    public ConfigException(String message) {
        super(message);
    }
}
