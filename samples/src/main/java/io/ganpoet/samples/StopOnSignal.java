package io.ganpoet.samples;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a request the training loop checks between steps. The
 * JVM runs shutdown hooks on those signals and halts when they return, so the hook raises the flag
 * and then waits until training has checkpointed and said how to resume; the process then exits
 * with the status the JVM gives the signal, 128 + its number, as shells and supervisors read it:
 * 130 for SIGINT, 143 for SIGTERM (README says which is which). kill -9 cannot be caught: then the
 * newest checkpoint on disk is where the run resumes.
 */
final class StopOnSignal implements AutoCloseable {

    /** How long a signal waits for the current step and its checkpoint before the JVM halts anyway. */
    private static final long GRACE_MINUTES = 10;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopOnSignal() {
        hook = new Thread(
                () -> {
                    requested.set(true);
                    System.err.println("ganpoet: stopping after the current step; its checkpoint is being written ...");
                    try {
                        finished.await(GRACE_MINUTES, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "ganpoet-stop-on-signal");
    }

    static StopOnSignal install() {
        StopOnSignal stop = new StopOnSignal();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether a signal asked training to stop. */
    boolean requested() {
        return requested.get();
    }

    /** Lets a waiting hook return (the JVM then exits), or removes the hook when none came. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and returns now
        }
    }
}
