package io.ganpoet.runtime.run;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A checkpoint's {@value #FILE_NAME}: the SHA-256 of every other file of the checkpoint, one
 * {@code <sha256>  <file>} line each ({@code sha256sum -c} reads it too). The trainer writes it last;
 * readers verify it before using anything, so nothing is used unverified.
 */
public final class CheckpointManifest {

    /** The manifest's file name inside a checkpoint directory. */
    public static final String FILE_NAME = "manifest.sha256";

    private CheckpointManifest() {}

    /**
     * Returns the manifest text for a checkpoint's files.
     *
     * @param checkpoint the checkpoint directory, every file written
     * @return one line per file other than the manifest, sorted by name
     * @throws IOException when a file cannot be read
     */
    public static String describe(Path checkpoint) throws IOException {
        StringBuilder manifest = new StringBuilder();
        for (Path file : files(checkpoint)) {
            manifest.append(sha256(file))
                    .append("  ")
                    .append(file.getFileName())
                    .append('\n');
        }
        return manifest.toString();
    }

    /**
     * Checks every file of a checkpoint against its manifest.
     *
     * @param checkpoint the checkpoint directory
     * @return the names of the files verified, as the manifest lists them
     * @throws DamagedCheckpointException naming the first file that is missing, extra or different
     * @throws IOException when a file cannot be read
     */
    public static List<String> verify(Path checkpoint) throws IOException {
        Path manifest = checkpoint.resolve(FILE_NAME);
        if (!Files.isRegularFile(manifest)) {
            throw new DamagedCheckpointException(
                    manifest + " is missing; the checkpoint is incomplete and cannot be trusted");
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            int gap = line.indexOf("  ");
            if (gap != 64) {
                throw new DamagedCheckpointException(manifest + ": damaged (a line is not '<sha256>  <file>')");
            }
            expected.put(line.substring(gap + 2), line.substring(0, gap));
        }
        List<String> present = new ArrayList<>();
        for (Path file : files(checkpoint)) {
            present.add(file.getFileName().toString());
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = checkpoint.resolve(e.getKey());
            if (!present.contains(e.getKey())) {
                throw new DamagedCheckpointException(file + " is missing; the checkpoint cannot be trusted");
            }
            if (!sha256(file).equals(e.getValue())) {
                throw new DamagedCheckpointException(file + " does not match its SHA-256 in " + FILE_NAME
                        + " (the file or that line of the manifest is" + " damaged); the checkpoint cannot be trusted");
            }
        }
        for (String name : present) {
            if (!expected.containsKey(name)) {
                throw new DamagedCheckpointException(
                        checkpoint.resolve(name) + " is not in " + FILE_NAME + "; the checkpoint cannot be trusted");
            }
        }
        return List.copyOf(expected.keySet());
    }

    /**
     * Returns the regular files of a checkpoint other than its manifest.
     *
     * @param checkpoint the checkpoint directory
     * @return the files, sorted by name
     * @throws IOException when the directory cannot be listed
     */
    public static List<Path> files(Path checkpoint) throws IOException {
        try (Stream<Path> list = Files.list(checkpoint)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(FILE_NAME))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Returns a file's SHA-256.
     *
     * @param file the file
     * @return 64 lower-case hex digits
     * @throws IOException when the file cannot be read
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try (InputStream in =
                new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
