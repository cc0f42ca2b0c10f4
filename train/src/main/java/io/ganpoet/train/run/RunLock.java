package io.ganpoet.train.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The exclusive lock a trainer holds on its run directory: a POSIX lock on {@code .lock}, and one per JVM. */
final class RunLock {

    /**
     * Run directories locked by this JVM. Linux drops all of a process's locks on a file when any
     * of its descriptors for that file is closed, so a second open in the same JVM must not even
     * try: it would release the first holder's lock.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Path heldKey;
    private FileChannel channel;
    private boolean createdFile;

    private RunLock(Path directory, Path heldKey) {
        this.directory = directory;
        this.heldKey = heldKey;
    }

    /** Locks {@code directory}, or says who holds it. */
    static RunLock acquire(Path directory) throws IOException {
        Path key = directory.toRealPath();
        if (!HELD_HERE.add(key)) {
            long pid = ProcessHandle.current().pid();
            throw new RunInUseException(directory + " is in use by another trainer of this process (pid " + pid
                    + "); close that one first");
        }
        RunLock lock = new RunLock(directory, key);
        try {
            lock.lockOnDisk(directory.resolve(RunDirectory.LOCK));
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(key);
            throw e;
        }
        return lock;
    }

    private void lockOnDisk(Path file) throws IOException {
        createdFile = !Files.exists(file);
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            createdFile = false;
            throw new IOException(
                    "cannot lock " + directory + " for training (" + FileErrors.describe(e)
                            + "); a run directory must be writable",
                    e);
        }
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            channel = null;
            OptionalLong pid = holder(file);
            throw new RunInUseException(directory + " is in use by another ganpoet process ("
                    + (pid.isPresent() ? "pid " + pid.getAsLong() : "pid unknown") + "); wait until it ends, or stop it"
                    + (pid.isPresent() ? " (kill -INT " + pid.getAsLong() + " checkpoints and stops it)" : "")
                    + ", then run again");
        }
    }

    /** The lock file counts as made by this process: {@link #release} removes it. */
    void markCreated() {
        createdFile = true;
    }

    /** Releases the lock; deletes the lock file when this process made it and {@code deleteIfCreated}. */
    void release(boolean deleteIfCreated) throws IOException {
        try {
            if (channel != null) {
                if (createdFile && deleteIfCreated) {
                    Files.deleteIfExists(directory.resolve(RunDirectory.LOCK));
                }
                channel.close(); // releases the lock
                channel = null;
            }
        } finally {
            HELD_HERE.remove(heldKey);
        }
    }

    /** The pid holding a POSIX lock on a file, from Linux's /proc/locks; empty elsewhere. */
    static OptionalLong holder(Path file) {
        try {
            Object inode = Files.getAttribute(file, "unix:ino");
            for (String line : Files.readAllLines(Path.of("/proc/locks"), StandardCharsets.UTF_8)) {
                // "1: POSIX  ADVISORY  WRITE 12345 08:01:1234567 0 EOF"
                String[] f = line.trim().split("\\s+");
                if (f.length >= 6 && f[1].equals("POSIX") && f[5].endsWith(":" + inode)) {
                    return OptionalLong.of(Long.parseLong(f[4]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: the message says the pid is unknown
        }
        return OptionalLong.empty();
    }
}
