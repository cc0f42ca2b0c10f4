package io.ganpoet.samples;

import io.ganpoet.train.config.ConfigException;
import io.ganpoet.train.config.ExperimentConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a run's images come from, read once from the app's {@code data.*} keys and checked as a whole: a kind
 * that needs a folder has one, and a path is given only to a kind that reads it. Otherwise an empty path would
 * silently mean the current directory, and a path beside {@code data.kind: embedded} would be recorded in the run's
 * {@code config.yaml} without ever being read.
 *
 * @param kind {@code embedded}, {@code idx} or {@code folder}
 * @param path the IDX directory or image folder; empty for {@code embedded}
 * @param limit at most this many images; 0 = all
 */
record DataSettings(String kind, Optional<Path> path, int limit) {

    /**
     * @throws ConfigException naming the keys when the path and the kind do not go together
     */
    static DataSettings from(ExperimentConfig config) {
        String kind = config.text("data.kind");
        String path = config.text("data.path");
        boolean given = !path.isBlank();
        if (kind.equals("embedded") && given) {
            throw new ConfigException(
                    "data.path is '" + path + "' but data.kind is 'embedded' (the shipped Fashion-MNIST"
                            + " slice), which would ignore it; give the images with --data DIR, or --set data.kind=idx or"
                            + " data.kind=folder as well");
        }
        if (!kind.equals("embedded") && !given) {
            throw new ConfigException("data.kind is '" + kind + "' but data.path is empty, so no "
                    + (kind.equals("idx") ? "IDX directory" : "image folder")
                    + " is named; give the images with --data DIR"
                    + " (or --set data.path=DIR)");
        }
        return new DataSettings(
                kind, given ? Optional.of(Path.of(path)) : Optional.empty(), config.integer("data.limit"));
    }

    /** The IDX directory or image folder; only for the kinds that have one. */
    Path folder() {
        return path.orElseThrow(() -> new IllegalStateException("data.kind " + kind + " reads no folder"));
    }
}
