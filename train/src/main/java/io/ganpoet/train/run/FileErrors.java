package io.ganpoet.train.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Sentences for file errors. The JDK's own messages are often just a path ({@link
 * NoSuchFileException}) or just a reason ("No space left on device", from a stream that forgot its
 * file); a user needs both.
 */
public final class FileErrors {

    private FileErrors() {}

    /**
     * The error as "file: what went wrong".
     *
     * @param e the error
     * @return one line, never empty
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            String file = fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "");
            String what;
            if (fs.getReason() != null && !fs.getReason().isBlank()) {
                what = fs.getReason(); // the thrower's own explanation, e.g. which IDX file is missing
            } else if (e instanceof NoSuchFileException) {
                what = "no such file or directory";
            } else if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof NotDirectoryException) {
                what = "not a directory";
            } else if (e instanceof FileAlreadyExistsException) {
                what = "already exists";
            } else if (e instanceof DirectoryNotEmptyException) {
                what = "directory not empty";
            } else {
                what = e.getClass().getSimpleName();
            }
            return file + ": " + what;
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * The error with its file named, when it does not name one already.
     *
     * @param file the file being read or written
     * @param e the error
     * @return {@code e} itself when it names a file, else an IOException naming {@code file}
     */
    public static IOException naming(Path file, IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return e;
        }
        String message = e.getMessage();
        return new IOException(
                file + ": "
                        + (message == null || message.isBlank() ? e.getClass().getSimpleName() : message)
                        + fullDisk(file, message),
                e);
    }

    /**
     * Libraries report a full disk in their own words ("I/O error writing PNG file!"); when the
     * file's disk has no room left, say so.
     */
    private static String fullDisk(Path file, String message) {
        if (message != null && message.contains("No space left")) {
            return "";
        }
        try {
            Path existing = file.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && Files.getFileStore(existing).getUsableSpace() < (1 << 20)) {
                return " (the disk holding it is full)";
            }
        } catch (IOException | RuntimeException ignored) {
            // no more to say than the error itself
        }
        return "";
    }
}
