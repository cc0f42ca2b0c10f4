package io.ganpoet.samples;

import ai.djl.TrainingDivergedException;
import io.ganpoet.train.loop.TrainingStoppedException;
import io.ganpoet.train.run.Checkpoints;
import io.ganpoet.train.run.FileErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How every training command ({@code train}, {@code denoise}, {@code vae}) ends when training does
 * not: one message and one exit status, the same for each.
 */
final class TrainingFailures {

    /** Exit status of a run stopped by SIGINT or SIGTERM (checkpointed, resumable). */
    static final int STOPPED = 130;
    /** Exit status of a run whose metrics became NaN or infinite. */
    static final int DIVERGED = 3;
    /** Exit status of a run stopped by an I/O error after it started. */
    static final int IO = 1;

    /** The training, as a command runs it. */
    @FunctionalInterface
    interface Fit {
        void run() throws IOException;
    }

    private TrainingFailures() {}

    /**
     * Trains, turning a stop, a divergence or an I/O error into its message and exit status.
     *
     * @param command the subcommand, for messages and the resume hint
     * @param dir the run directory
     * @param out where the stop message goes (errors go to standard error)
     * @param fit the training
     * @return 0 when training finished, else the exit status
     * @throws IOException when even the checkpoints cannot be listed
     */
    static int fit(String command, Path dir, PrintStream out, Fit fit) throws IOException {
        try {
            fit.run();
            return 0;
        } catch (TrainingStoppedException e) {
            out.println("interrupted: " + e.getMessage()
                    + (e.checkpoint().isPresent()
                            ? ". Resume with: ganpoet " + command + " --run " + dir
                            : "; " + dir + " was not kept"));
            out.flush();
            return STOPPED;
        } catch (TrainingDivergedException e) {
            System.err.println("ganpoet " + command + ": training stopped: " + e.getMessage());
            return DIVERGED;
        } catch (IOException e) {
            // Training started: the run stays resumable from its newest checkpoint.
            Optional<Path> latest = new Checkpoints(dir.resolve("checkpoints")).latest();
            System.err.println("ganpoet " + command + ": training stopped: " + FileErrors.describe(e)
                    + (latest.isPresent()
                            ? ". The newest checkpoint " + latest.get() + " is intact; once the cause is"
                                    + " fixed, resume with: ganpoet " + command + " --run " + dir
                            : ""));
            return IO;
        }
    }
}
