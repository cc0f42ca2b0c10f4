package io.ganpoet.samples;

import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.loop.Position;
import io.ganpoet.train.run.RunDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What every training command says and decides before it trains: which directory, finished already, or resuming. */
final class RunStart {

    private RunStart() {}

    /**
     * The run directory asked for, or a new {@code runs/<model>-<time>}.
     *
     * @param opened the directory {@code --run} named, already open, or {@code null}
     * @param modelName the model's name
     * @return the open directory
     * @throws IOException when it cannot be opened
     */
    static RunDirectory orNew(RunDirectory opened, String modelName) throws IOException {
        return opened != null
                ? opened
                : RunDirectory.open(Path.of(
                        "runs",
                        modelName.toLowerCase(Locale.ROOT) + "-"
                                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    }

    /**
     * Says so when the run has trained every epoch asked for (nothing is then trained or changed).
     *
     * @param directory the run
     * @param cfg what is asked for
     * @param command the subcommand, for the hint
     * @param out where the message goes
     * @return whether the run is complete
     */
    static boolean complete(RunDirectory directory, ExperimentConfig cfg, String command, PrintStream out) {
        if (!directory.complete(cfg)) {
            return false;
        }
        Path dir = directory.directory();
        Position at = directory.checkpoint().orElseThrow().position();
        out.printf(
                "%s has trained %s, all of the %d asked for; nothing to train, nothing changed."
                        + " To train further: ganpoet %s --run %s --epochs %d%n",
                dir, RunDirectory.trained(at), cfg.integer("epochs"), command, dir, at.epoch() + 1);
        return true;
    }

    /**
     * Says where a resumed run continues and what it changes.
     *
     * @param directory the run
     * @param changes the allowed changes a resume records
     * @param out where the message goes
     */
    static void resuming(RunDirectory directory, List<RunDirectory.Change> changes, PrintStream out) {
        directory
                .checkpoint()
                .ifPresent(saved -> out.printf(
                        "resuming %s after %s%s%n",
                        directory.directory(),
                        RunDirectory.trained(saved.position()),
                        changes.isEmpty()
                                ? ""
                                : "; changed (recorded in " + RunDirectory.RESUME_LOG + "): "
                                        + changes.stream()
                                                .map(RunDirectory.Change::toString)
                                                .collect(Collectors.joining(", "))));
    }
}
