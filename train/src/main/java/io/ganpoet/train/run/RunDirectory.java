package io.ganpoet.train.run;

import io.ganpoet.train.config.ConfigKey;
import io.ganpoet.train.config.ConfigSchema;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.loop.Position;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A run directory as one process holds it. Its identity (model, data, hyper-parameters) is fixed
 * by the run that made it: a resume is checked against the newest checkpoint's recorded
 * configuration before any file is touched, and only keys marked {@link
 * ConfigKey#mayChangeOnResume()} may differ; such changes are appended to {@value
 * #RESUME_LOG}, and {@code config.yaml} keeps the first run's settings.
 *
 * <p>One process at a time: an OS lock on {@value #LOCK} (the kernel drops it when the process
 * ends, however it ends, so a lock left by a killed process is never in the way). The lock file
 * holds nothing; the holder's pid comes from {@code /proc/locks}, so failing to get the lock
 * changes no byte.
 *
 * <p>A new run writes nothing until {@link #begin}; if it then fails before its first step,
 * {@link #abandon} removes what it made. A failed resume removes its entry from the log.
 */
public final class RunDirectory implements AutoCloseable {

    /** The lock file, kept in the run directory. */
    public static final String LOCK = ".lock";
    /** Changes made on resume, one YAML list entry per resume. */
    public static final String RESUME_LOG = "resume-log.yaml";

    /** A key whose value a resume changes. */
    public record Change(String key, Object from, Object to) {
        @Override
        public String toString() {
            return key + " " + shown(from) + " -> " + shown(to);
        }

        /** Text quoted (an empty path must show), numbers as they are. */
        static String shown(Object value) {
            return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        }
    }

    private final Path directory;
    private final boolean existed;
    private boolean wasEmpty;
    private Optional<Checkpoints.Saved> checkpoint = Optional.empty();
    private RunLock lock;
    private boolean begun;
    private long resumeLogSizeBefore = -1;

    private RunDirectory(Path directory, boolean existed) {
        this.directory = directory;
        this.existed = existed;
    }

    /**
     * Opens a run directory: a new path (nothing is created yet) or an existing run, which is
     * locked and whose newest checkpoint is verified and read.
     *
     * @param directory the run directory
     * @return the held directory; close it to release the lock
     * @throws IOException if the path is a file, a folder holding something else than a run, held
     *     by another process ({@link RunInUseException}), or its checkpoint is damaged
     */
    public static RunDirectory open(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException(
                    directory + " is a file, not a run directory; name a new directory or an existing run");
        }
        boolean exists = Files.isDirectory(directory);
        if (exists && !isRun(directory) && !isEmpty(directory)) {
            throw new IOException(directory + " holds files but no ganpoet run (no config.yaml, no checkpoints/);"
                    + " name a new or empty directory, so nothing there is overwritten");
        }
        RunDirectory run = new RunDirectory(directory, exists);
        run.wasEmpty = exists && isEmpty(directory);
        if (exists) {
            try {
                // Locked before the checkpoint is read: a training process replaces checkpoints.
                run.lock = RunLock.acquire(directory);
                run.checkpoint = new Checkpoints(directory.resolve("checkpoints")).readLatest();
            } catch (IOException | RuntimeException e) {
                run.close();
                throw e;
            }
        }
        return run;
    }

    private static boolean isRun(Path directory) {
        return Files.exists(directory.resolve("config.yaml")) || Files.isDirectory(directory.resolve("checkpoints"));
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.findAny().isEmpty();
        }
    }

    /**
     * Returns the run directory.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * The newest checkpoint, verified; empty for a new run.
     *
     * @return the checkpoint's metadata
     */
    public Optional<Checkpoints.Saved> checkpoint() {
        return checkpoint;
    }

    /**
     * Checks what a resume asks for against the checkpoint's recorded configuration; reads only.
     *
     * @param requested the configuration the caller wants to train with
     * @return the changes of keys that may change on resume (empty for a new run)
     * @throws ResumeConflictException naming every other key that differs (run's value, requested value),
     *     or an {@code epochs} below what the run has already trained
     */
    public List<Change> checkResume(ExperimentConfig requested) {
        if (checkpoint.isEmpty()) {
            return List.of();
        }
        Checkpoints.Saved saved = checkpoint.get();
        ExperimentConfig recorded = recordedConfig(requested.schema());
        List<Change> changes = new ArrayList<>();
        List<Change> conflicts = new ArrayList<>();
        for (ConfigKey key : recorded.differences(requested)) {
            Change change = new Change(key.name(), recorded.value(key.name()), requested.value(key.name()));
            (key.mayChangeOnResume() ? changes : conflicts).add(change);
        }
        if (!conflicts.isEmpty()) {
            throw new ResumeConflictException(
                    directory + " was trained with other settings than those asked for, and a run"
                            + " keeps the settings its weights were made with: "
                            + conflicts.stream()
                                    .map(c -> c.key() + " is " + Change.shown(c.from()) + " there, asked "
                                            + Change.shown(c.to()))
                                    .collect(Collectors.joining("; "))
                            + ". Resume without changing " + (conflicts.size() == 1 ? "it" : "them")
                            + ", or start a new run in another directory. Keys that may change on resume: "
                            + requested.schema().keys().stream()
                                    .filter(ConfigKey::mayChangeOnResume)
                                    .map(ConfigKey::name)
                                    .collect(Collectors.joining(", ")));
        }
        Position at = saved.position();
        int epochs = requested.integer("epochs");
        if (epochs < at.epoch() || (epochs == at.epoch() && at.stepInEpoch() > 0)) {
            int next = at.epoch() + 1;
            throw new ResumeConflictException(directory + " has already trained " + trained(at) + "; epochs " + epochs
                    + " is behind that, and a run never un-trains. Ask for epochs " + next + " or more to continue"
                    + (at.stepInEpoch() > 0 ? " (epochs " + next + " finishes the current epoch)" : "")
                    + ", or sample the run as it is");
        }
        return changes;
    }

    /**
     * The checkpoint's recorded configuration, read with a schema.
     *
     * @param schema the keys the recorded configuration may hold
     * @return the configuration
     */
    public ExperimentConfig recordedConfig(ConfigSchema schema) {
        Checkpoints.Saved saved =
                checkpoint.orElseThrow(() -> new IllegalStateException(directory + ": no checkpoint"));
        return ExperimentConfig.parse(
                saved.configYaml(), saved.directory().resolve("config.yaml").toString(), schema);
    }

    /**
     * Whether the run has trained every epoch the configuration asks for: a resume has nothing to do.
     *
     * @param requested the configuration asked for
     * @return true when there is nothing left to train
     */
    public boolean complete(ExperimentConfig requested) {
        return checkpoint
                .map(s -> s.position().stepInEpoch() == 0 && s.position().epoch() >= requested.integer("epochs"))
                .orElse(false);
    }

    /**
     * "3 epochs" or "2 epochs and 5 steps of epoch 3": what a position means to a user.
     *
     * @param at a position
     * @return the phrase
     */
    public static String trained(Position at) {
        String epochs = at.epoch() + (at.epoch() == 1 ? " epoch" : " epochs");
        return at.stepInEpoch() == 0
                ? epochs
                : epochs + " and " + at.stepInEpoch() + (at.stepInEpoch() == 1 ? " step" : " steps") + " of epoch "
                        + (at.epoch() + 1);
    }

    /**
     * Makes the directory this run's, just before the first step. A new run: creates and locks it,
     * writes {@code config.yaml} and {@code summary.txt}. A resume with changes: appends them to
     * {@value #RESUME_LOG}.
     *
     * @param configYaml the resolved configuration
     * @param summary the model's layer tables
     * @param changes from {@link #checkResume}
     * @throws IOException naming the file that cannot be written
     */
    public void begin(String configYaml, String summary, List<Change> changes) throws IOException {
        begun = true;
        if (checkpoint.isEmpty()) {
            Files.createDirectories(directory);
            if (lock == null) {
                lock = RunLock.acquire(directory);
            }
            FileTrees.writeText(directory.resolve("config.yaml"), configYaml);
            FileTrees.writeText(directory.resolve("summary.txt"), summary);
        } else if (!changes.isEmpty()) {
            Path log = directory.resolve(RESUME_LOG);
            resumeLogSizeBefore = Files.exists(log) ? Files.size(log) : 0;
            ResumeLog.append(log, checkpoint.get().position().step(), changes);
        }
    }

    /**
     * Undoes {@link #begin} after a failure before the first step: a new run's directory is
     * removed if this process made it (its files otherwise), a resume's log entry is dropped.
     *
     * @throws IOException when a file cannot be removed
     */
    public void abandon() throws IOException {
        if (!begun) {
            return;
        }
        if (checkpoint.isEmpty()) {
            if (!existed) {
                FileTrees.delete(directory);
            } else if (wasEmpty) {
                try (Stream<Path> list = Files.list(directory)) {
                    for (Path p : list.filter(p -> !p.getFileName().toString().equals(LOCK))
                            .toList()) {
                        FileTrees.delete(p);
                    }
                }
                lock.markCreated(); // so close() removes it too: the folder is empty again
            }
            // else: the leftovers of a run killed before its first checkpoint, already replaced
        } else if (resumeLogSizeBefore == 0) {
            Files.deleteIfExists(directory.resolve(RESUME_LOG));
        } else if (resumeLogSizeBefore > 0) {
            try (FileChannel log = FileChannel.open(directory.resolve(RESUME_LOG), StandardOpenOption.WRITE)) {
                log.truncate(resumeLogSizeBefore);
            }
        }
        begun = false;
    }

    /** Releases the lock; removes the lock file again if this process made it and never began. */
    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.release(!begun);
            lock = null;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RunDirectory[%s]", directory);
    }
}
