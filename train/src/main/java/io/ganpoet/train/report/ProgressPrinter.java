package io.ganpoet.train.report;

import io.ganpoet.train.loop.Position;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.loop.TrainingLoop;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: on a terminal a progress bar with ETA and live metrics; elsewhere (CI,
 * logs, pipes) a plain line every {@code every} steps and at the end of each epoch; or, for a
 * library user, the same lines logged through SLF4J (logger {@code io.ganpoet.train}, level INFO).
 */
public final class ProgressPrinter implements RunListener {

    /** The logger a trainer built without a {@code PrintStream} reports to. */
    public static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.ganpoet.train");

    private final PrintStream out;
    private final java.util.function.Consumer<String> lines;
    private final boolean terminal;
    private final int every;
    private TrainingLoop.RunInfo run;
    private ProgressBar bar;
    private long startNanos;
    private long firstStep;
    private double smoothedRate;

    /**
     * @param out where to print
     * @param terminal whether {@code out} is an interactive terminal
     * @param every plain-line cadence in steps
     */
    public ProgressPrinter(PrintStream out, boolean terminal, int every) {
        this.out = out;
        this.lines = out::println;
        this.terminal = terminal;
        this.every = every;
    }

    /**
     * Logs progress lines through SLF4J ({@link #LOG}) instead of printing them.
     *
     * @param every line cadence in steps
     * @return the listener
     */
    public static ProgressPrinter logged(int every) {
        return new ProgressPrinter(every);
    }

    private ProgressPrinter(int every) {
        this.out = null;
        this.lines = LOG::info;
        this.terminal = false;
        this.every = every;
    }

    /**
     * Whether this process writes to a terminal.
     *
     * @return true when there is a console and no {@code CI} variable
     */
    public static boolean isTerminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public void onStart(TrainingLoop.RunInfo run, Position resumedFrom) {
        this.run = run;
        this.startNanos = System.nanoTime();
        long total = (long) run.epochs() * run.stepsPerEpoch();
        this.firstStep = resumedFrom.step();
        lines.accept(String.format(
                Locale.ROOT,
                "%s: %d epoch(s) x %d steps of %d images on %s%s",
                run.name(),
                run.epochs(),
                run.stepsPerEpoch(),
                run.batchSize(),
                run.devices(),
                resumedFrom.step() > 0
                        ? ", resuming at epoch " + (resumedFrom.epoch() + 1) + " step "
                                + (resumedFrom.stepInEpoch() + 1) + " (global step " + (resumedFrom.step() + 1) + ")"
                        : ""));
        if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName("train")
                    .setUnit(" steps", 1)
                    .setInitialMax(total)
                    .startsFrom(firstStep, Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(500)
                    .showSpeed()
                    .build();
        }
    }

    @Override
    public void onStep(StepEvent event) {
        smoothedRate = smoothedRate == 0 ? event.imagesPerSecond() : 0.9 * smoothedRate + 0.1 * event.imagesPerSecond();
        if (bar != null) {
            bar.stepTo(event.step());
            bar.setExtraMessage(" " + metrics(event));
        } else if (event.stepInEpoch() % every == 0 || event.stepInEpoch() == event.stepsPerEpoch()) {
            lines.accept(line(event));
        }
    }

    private String line(StepEvent event) {
        long total = (long) run.epochs() * run.stepsPerEpoch();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long done = event.step() - firstStep;
        double eta = done == 0 ? 0 : elapsed / done * (total - event.step());
        return String.format(
                Locale.ROOT,
                "epoch %d/%d step %d/%d  %s  %.0f img/s  ETA %s",
                event.epoch(),
                event.epochs(),
                event.stepInEpoch(),
                event.stepsPerEpoch(),
                metrics(event),
                smoothedRate,
                duration(eta));
    }

    private String metrics(StepEvent event) {
        StringBuilder text = new StringBuilder();
        List<String> names = run.metricNames();
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "" : " ")
                    .append(names.get(i))
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.3f", event.metrics().get(names.get(i))));
        }
        return text.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    @Override
    public void onEnd(boolean completed) {
        if (bar != null) {
            bar.close();
        }
        lines.accept(String.format(
                Locale.ROOT,
                "%s %s in %s",
                run.name(),
                completed ? "finished" : "stopped",
                duration((System.nanoTime() - startNanos) / 1e9)));
    }
}
