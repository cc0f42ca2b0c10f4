package io.ganpoet.train.data;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The images under a folder, decoded when a batch asks for them ({@link ImageFolderReader#decode}, the images of
 * one batch in parallel). Construction only lists files, so memory holds one relative path and one label per image
 * whatever the folder's size.
 *
 * <ul>
 *   <li><b>Order</b>: every PNG, JPEG, GIF or BMP at any depth, sorted by path relative to the folder (as
 *       strings), so a dataset (and a {@code limit}) is the same on every machine.</li>
 *   <li><b>Labels</b>: an image's class is its first-level sub-folder ({@code root/cat/x.png} and {@code
 *       root/cat/a/y.png} are both {@code cat}); class indices follow the sorted names of the sub-folders holding
 *       images, counted before any {@code limit}, so a limit never renumbers them. Images directly in the root have
 *       no class (label -1): a flat folder of faces is unlabelled, and {@link #hasLabels()} is true only when every
 *       image kept has a class.</li>
 * </ul>
 *
 * <p>A file that cannot be decoded fails its batch with an {@link UnreadableImageException} naming it.
 */
public final class ImageFolderDataset extends ImageSet {

    private final Path root;
    private final String[] files;
    private final int[] labels;
    private final List<String> classNames;
    private final boolean allLabelled;
    private final int size;
    private final int channels;
    private final SkippedEntries skipped;

    private ImageFolderDataset(
            Path root,
            String[] files,
            int[] labels,
            List<String> classNames,
            int size,
            int channels,
            SkippedEntries skipped) {
        super(new Shape(channels, size, size), root.toString());
        this.root = root;
        this.files = files;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.size = size;
        this.channels = channels;
        this.skipped = skipped;
        boolean all = files.length > 0;
        for (int label : labels) {
            all &= label >= 0;
        }
        this.allLabelled = all;
    }

    /**
     * Lists {@code folder}; see the class comment for order and labels.
     *
     * @param folder the folder
     * @param size output height and width
     * @param channels 3 for RGB, 1 for grey
     * @param limit keep at most this many images, the first in order (0: all)
     * @return the dataset
     * @throws IOException naming the folder when it is not a directory or holds no images
     */
    public static ImageFolderDataset open(Path folder, int size, int channels, int limit) throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(
                    folder + ": " + channels + " channels; images are read as 1 (grey) or 3 (RGB)");
        }
        if (size <= 0) {
            throw new IllegalArgumentException(folder + ": image size " + size + " is not positive");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a directory of images");
        }
        // Relative path strings only: a Path per file would hold several times the memory while listing.
        List<String> relative = new ArrayList<>();
        SkippedEntries.Collector skipped = new SkippedEntries.Collector();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> !p.equals(folder)).forEach(p -> {
                String why = FolderEntries.whyNotAnImage(p);
                if (why == null) {
                    relative.add(folder.relativize(p).toString());
                } else if (!why.isEmpty()) {
                    skipped.add(folder.relativize(p).toString(), why);
                }
            });
        }
        relative.sort(null);
        if (relative.isEmpty()) {
            String passed = skipped.result().describe();
            throw new IOException(folder + ": no images (" + String.join(", ", ImageFolderReader.EXTENSIONS) + ") found"
                    + (passed.isEmpty() ? "" : "; " + passed));
        }
        FolderEntries.probe(folder, relative);
        String separator = folder.getFileSystem().getSeparator();
        TreeSet<String> classes = new TreeSet<>();
        for (String p : relative) {
            int cut = p.indexOf(separator);
            if (cut > 0) {
                classes.add(p.substring(0, cut));
            }
        }
        List<String> classNames = new ArrayList<>(classes);
        Map<String, Integer> classIndex = new HashMap<>();
        for (String name : classNames) {
            classIndex.put(name, classIndex.size());
        }
        int kept = limit > 0 ? Math.min(limit, relative.size()) : relative.size();
        String[] files = relative.subList(0, kept).toArray(String[]::new);
        int[] labels = new int[kept];
        for (int i = 0; i < kept; i++) {
            int cut = files[i].indexOf(separator);
            labels[i] = cut > 0 ? classIndex.get(files[i].substring(0, cut)) : -1;
        }
        return new ImageFolderDataset(folder, files, labels, classNames, size, channels, skipped.result());
    }

    /** @return how many threads decode a batch: the processors available, at most 8 */
    public static int decodeThreads() {
        return Decoders.THREADS;
    }

    @Override
    public SkippedEntries skipped() {
        return skipped;
    }

    /**
     * The file of image {@code index}.
     *
     * @param index the image
     * @return its file
     */
    public Path file(int index) {
        return root.resolve(files[checkIndex(index)]);
    }

    @Override
    public int count() {
        return files.length;
    }

    @Override
    public int label(int index) {
        return labels[checkIndex(index)];
    }

    @Override
    public boolean hasLabels() {
        return allLabelled;
    }

    /** The first-level sub-folders holding images, sorted: class {@code k} is {@code classNames().get(k)}. */
    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    protected void readImage(int index, byte[] into, int offset) {
        ImageFolderReader.decode(file(index), size, channels, into, offset);
    }

    /**
     * Decodes the batch on {@link Decoders#THREADS} threads, each a contiguous run of the batch writing only its
     * own images' bytes, so the result does not depend on scheduling. When several files are unreadable the
     * first in batch order is reported.
     */
    @Override
    protected void readImages(int[] indices, byte[] into) {
        int parts = Math.min(indices.length, Decoders.THREADS);
        if (parts <= 1) {
            super.readImages(indices, into);
            return;
        }
        List<Callable<Void>> work = new ArrayList<>(parts);
        for (int t = 0; t < parts; t++) {
            int from = (int) ((long) t * indices.length / parts);
            int to = (int) ((long) (t + 1) * indices.length / parts);
            work.add(() -> {
                for (int i = from; i < to; i++) {
                    readImage(indices[i], into, i * imageBytes());
                }
                return null;
            });
        }
        List<Future<Void>> done;
        try {
            done = Decoders.POOL.invokeAll(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(origin() + ": interrupted while decoding a batch", e);
        }
        for (Future<Void> part : done) {
            try {
                part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(origin() + ": interrupted while decoding a batch", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
