package io.ganpoet.train.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Durable file writes and tree deletion for the run directory and its checkpoints. */
final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes a file or a directory with everything under it; nothing when it does not exist.
     *
     * @param root what to delete
     * @throws IOException when an entry cannot be deleted
     */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Writes a file's bytes. */
    interface Writer {
        /**
         * @param out the file's stream
         * @throws IOException when writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file and forces it to disk; an error names the file. */
    static void write(Path file, Writer writer) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writer.write(out);
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        }
        force(file);
    }

    /** Forces a file's contents to disk. */
    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces a directory's entries to disk (a rename into it survives a crash). */
    static void sync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes a half-written tree, ignoring errors: the caller's own error matters more. */
    static void deleteQuietly(Path partial) {
        try {
            FileTrees.delete(partial);
        } catch (IOException ignored) {
            // the save's own error matters more; the next save removes the leftover
        }
    }

    /** Writes a UTF-8 text file; an error names the file. */
    static void writeText(Path file, String text) throws IOException {
        try {
            Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        }
    }
}
