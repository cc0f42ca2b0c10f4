package io.ganpoet.train.report;

import ai.djl.ndarray.NDManager;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.loop.TrainingStep;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The listeners every run directory gets, whatever the model. */
public final class Reports {

    private Reports() {}

    /**
     * {@code metrics.csv}, progress on {@code out}, {@code plots/*.png} from the step's charts,
     * and {@code samples/epoch-NNN.png} + {@code samples.gif} when the step draws a picture.
     *
     * @param step the model kind's step: its charts and picture
     * @param manager where pictures are drawn
     * @param directory the run directory
     * @param settings cadences and sample sizes
     * @param out where progress goes; {@code null} logs it through SLF4J
     * @param terminal whether {@code out} is an interactive terminal
     * @return the listeners, in the order they are told
     */
    public static List<RunListener> standard(
            TrainingStep step,
            NDManager manager,
            Path directory,
            ReportSettings settings,
            PrintStream out,
            boolean terminal) {
        Path metrics = directory.resolve("metrics.csv");
        List<RunListener> listeners = new ArrayList<>();
        listeners.add(new MetricsCsv(metrics));
        listeners.add(
                out == null
                        ? ProgressPrinter.logged(settings.logEverySteps())
                        : new ProgressPrinter(out, terminal, settings.logEverySteps()));
        listeners.add(new KernelLines(step, out));
        listeners.add(new Plots(metrics, directory.resolve("plots"), Charts.forMetrics(step.metricNames())));
        step.picture()
                .ifPresent(p -> listeners.add(new Pictures(p, manager, directory, settings.pictureEveryEpochs())));
        return listeners;
    }
}
