package io.ganpoet.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/** What an image folder's listing decides about each entry: an image, a directory to enter, or why it is passed over. */
final class FolderEntries {

    private FolderEntries() {}

    /**
     * {@code null} for an image file (a regular file, or a link to one, named like an image), {@code ""} for a
     * directory the walk enters, else why the entry is passed over.
     */
    static String whyNotAnImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean namedLikeImage = ImageFolderReader.EXTENSIONS.stream().anyMatch(name::endsWith);
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : "unreadable";
        }
        if (own.isDirectory()) {
            return namedLikeImage ? "a directory" : "";
        }
        if (own.isSymbolicLink()) {
            if (Files.isRegularFile(p)) {
                return namedLikeImage ? null : "not named like an image";
            }
            if (Files.isDirectory(p)) {
                return "a link to a directory, not followed";
            }
            try {
                p.toRealPath();
                return "a link to neither a file nor a directory";
            } catch (NoSuchFileException e) {
                return "a dangling link";
            } catch (IOException e) {
                String reason = String.valueOf(e.getMessage());
                return reason.contains("levels of symbolic links") ? "a symbolic-link loop" : "an unreadable link";
            }
        }
        if (own.isRegularFile()) {
            return namedLikeImage ? null : "not named like an image";
        }
        return "a pipe, socket or device, not a file";
    }

    /** How many of the first files in order are checked, at listing, to hold an image format at all. */
    static final int PROBED = 16;

    /**
     * Reads the first bytes of the first {@link #PROBED} files, so a folder of files merely named like images (text,
     * say) is refused before training, naming one, rather than counted as images; a damaged image further on still
     * fails its batch, naming it.
     */
    static void probe(Path folder, List<String> relative) {
        int probed = Math.min(PROBED, relative.size());
        Path first = null;
        int notImages = 0;
        for (int i = 0; i < probed; i++) {
            Path file = folder.resolve(relative.get(i));
            if (!hasImageFormat(file)) {
                notImages++;
                if (first == null) {
                    first = file;
                }
            }
        }
        if (first != null) {
            throw new UnreadableImageException(
                    first,
                    "its contents are in no image format a decoder recognises (PNG, JPEG,"
                            + " GIF or BMP); " + notImages + " of the first " + probed
                            + (probed == 1 ? " file" : " files") + " in " + folder
                            + (notImages == 1 ? " is not an image" : " are not images"),
                    null);
        }
    }

    private static boolean hasImageFormat(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return in != null && ImageIO.getImageReaders(in).hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
