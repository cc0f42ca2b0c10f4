package io.ganpoet.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An image file that could not be decoded when its batch was read. Unchecked, because batches are read inside
 * DJL's {@code Iterable<Batch>} and ganpoet's loop, neither of which declares {@link IOException}; the message
 * is one sentence naming the file, fit to show a user as it is.
 */
public final class UnreadableImageException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the file
     * @param reason why, in a few words (the decoder's message)
     * @param cause what the decoder threw, or {@code null}
     */
    public UnreadableImageException(Path file, String reason, Throwable cause) {
        super(
                file + ": unreadable image: " + reason,
                cause instanceof IOException io ? io : new IOException(reason, cause));
        this.file = file;
    }

    /**
     * The file that could not be decoded.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }
}
