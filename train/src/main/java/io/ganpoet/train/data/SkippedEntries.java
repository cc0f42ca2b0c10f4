package io.ganpoet.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What listing a folder of images passed over: how many entries, and the first few with why (a dangling link, a
 * pipe, a file not named like an image, ...), so a data line can say what was not read instead of leaving it
 * silent. Only the first {@link #NAMED} are kept, whatever the folder's size.
 *
 * @param count how many entries were skipped
 * @param examples the first {@link #NAMED} of them, each as {@code path (why)}, relative to the folder
 */
public record SkippedEntries(int count, List<String> examples) {

    /** How many skipped entries are named. */
    public static final int NAMED = 5;

    /** Nothing skipped. */
    public static final SkippedEntries NONE = new SkippedEntries(0, List.of());

    /**
     * Keeps an unmodifiable copy of the examples.
     *
     * @param count how many entries were skipped
     * @param examples the first {@link #NAMED} of them
     */
    public SkippedEntries {
        examples = List.copyOf(examples);
    }

    /**
     * "skipped 7 entries that are not images: a.png (a dangling link), b (a pipe, socket or device, not a file),
     * c.txt (not named like an image), ..., and 2 more"; empty when nothing was skipped.
     *
     * @return the phrase
     */
    public String describe() {
        if (count == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder("skipped " + count + (count == 1 ? " entry" : " entries") + " that "
                + (count == 1 ? "is not an image" : "are not images") + ": " + String.join(", ", examples));
        if (count > examples.size()) {
            text.append(", and ").append(count - examples.size()).append(" more");
        }
        return text.toString();
    }

    /**
     * Collects skipped entries while a folder is listed, keeping the first {@link #NAMED} by path so the names do
     * not depend on the order the file system lists them in.
     */
    static final class Collector {
        private int count;
        private final TreeMap<String, String> first = new TreeMap<>();

        void add(String relativePath, String why) {
            count++;
            first.put(relativePath, why);
            if (first.size() > NAMED) {
                first.pollLastEntry();
            }
        }

        SkippedEntries result() {
            List<String> examples = new ArrayList<>();
            first.forEach((path, why) -> examples.add(path + " (" + why + ")"));
            return count == 0 ? NONE : new SkippedEntries(count, examples);
        }
    }
}
