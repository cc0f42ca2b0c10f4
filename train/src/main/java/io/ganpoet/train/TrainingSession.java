package io.ganpoet.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.runtime.Devices;
import io.ganpoet.runtime.kernels.ConvKernels;
import io.ganpoet.runtime.kernels.KernelPolicy;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.loop.LoopSettings;
import io.ganpoet.train.loop.Position;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.loop.TrainingLoop;
import io.ganpoet.train.loop.TrainingStep;
import io.ganpoet.train.report.ReportSettings;
import io.ganpoet.train.report.Reports;
import io.ganpoet.train.run.Checkpoints;
import io.ganpoet.train.run.RunDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What every model kind's trainer shares ({@link GanTrainer}, {@link AutoencoderTrainer}, a
 * classifier): a locked {@link RunDirectory} whose resume was checked, the devices, the networks'
 * manager, the {@link TrainingLoop} with the standard reports, and {@code fit}/{@code close}. A
 * model kind contributes only its step, built from the {@link StepContext} this class hands it.
 */
public final class TrainingSession<S extends TrainingStep> implements AutoCloseable {

    /** Builds a model kind's step. */
    @FunctionalInterface
    public interface StepFactory<S extends TrainingStep> {
        /**
         * Builds the step.
         *
         * @param context the networks' factory and settings
         * @return the step
         * @throws IOException when the step cannot read what it needs
         */
        S create(StepContext context) throws IOException;
    }

    private final S step;
    private final NDManager manager;
    private final TrainingLoop loop;
    private final RunDirectory run;
    private final List<RunDirectory.Change> changes;
    private final String configYaml;
    private final String summary;
    private final boolean complete;

    private TrainingSession(
            S step,
            NDManager manager,
            TrainingLoop loop,
            RunDirectory run,
            List<RunDirectory.Change> changes,
            ExperimentConfig config,
            String summary) {
        this.step = step;
        this.manager = manager;
        this.loop = loop;
        this.run = run;
        this.changes = List.copyOf(changes);
        this.configYaml = config.toYaml();
        this.summary = summary;
        this.complete = run.complete(config);
    }

    /**
     * Checks the run's resume against its checkpoint and the devices, then builds the step and the
     * loop. Writes nothing: the directory is made the run's by {@link #fit}.
     *
     * @param run the opened run directory; the session owns it from here (closing releases it)
     * @param config the experiment
     * @param data the training data
     * @param name the model's name, for progress and the checkpoint
     * @param summary the layer tables, written to {@code summary.txt}
     * @param out where progress goes; {@code null} logs it through SLF4J (logger {@code io.ganpoet.train})
     * @param terminal whether {@code out} is an interactive terminal
     * @param custom optimizers, initializer and listeners the user gave
     * @param steps builds the step
     * @throws io.ganpoet.train.run.ResumeConflictException if a resume asks for settings the run cannot change
     */
    static <S extends TrainingStep> TrainingSession<S> open(
            RunDirectory run,
            ExperimentConfig config,
            ImageSet data,
            String name,
            String summary,
            PrintStream out,
            boolean terminal,
            Customization custom,
            StepFactory<S> steps)
            throws IOException {
        List<RunDirectory.Change> changes = run.checkResume(config);
        LoopSettings loopSettings = LoopSettings.from(config);
        ReportSettings reports = ReportSettings.from(config);
        List<Device> devices = devices(config.text("device"));
        if (loopSettings.batchSize() % devices.size() != 0) {
            throw new IllegalArgumentException("batch_size " + loopSettings.batchSize() + " does not split evenly over "
                    + devices.size() + " devices");
        }
        if (!devices.get(0).isGpu()) {
            String threads = Devices.cpuThreads(config.integer("cpu_threads"));
            if (out != null) {
                out.println(threads);
            } else {
                io.ganpoet.train.report.ProgressPrinter.LOG.info(threads);
            }
        }
        // Process-wide: every convolution of this run (and of the FD classifier after it) obeys it.
        ConvKernels.setPolicy(KernelPolicy.parse(config.text("kernels"), "kernels"));
        NDManager manager = NDManager.newBaseManager(devices.get(0));
        try {
            Engine.getInstance().setRandomSeed((int) loopSettings.seed());
            S step = steps.create(new StepContext(config, manager, devices, loopSettings, reports, custom));
            Path directory = run.directory();
            List<RunListener> listeners =
                    new ArrayList<>(Reports.standard(step, manager, directory, reports, out, terminal));
            listeners.addAll(custom.listeners());
            TrainingLoop loop = new TrainingLoop(
                    step,
                    data,
                    loopSettings,
                    devices,
                    listeners,
                    new Checkpoints(directory.resolve("checkpoints")).store(loopSettings.seed(), config.toYaml()),
                    name,
                    directory);
            return new TrainingSession<>(step, manager, loop, run, changes, config, summary);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Opens (and locks) a run directory for a trainer, releasing it if building the trainer fails. */
    static <T> T inRunDirectory(Path directory, RunFunction<T> build) throws IOException {
        RunDirectory run = RunDirectory.open(directory);
        try {
            return build.apply(run);
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** Builds a trainer in an opened run directory. */
    @FunctionalInterface
    interface RunFunction<T> {
        T apply(RunDirectory run) throws IOException;
    }

    /** Refuses images of another shape than the model's, naming both. */
    static void checkImages(ImageSet data, Shape modelShape, String modelName) {
        if (!data.imageShape().equals(modelShape)) {
            throw new IllegalArgumentException(data.origin() + ": images are " + data.imageShape() + " but " + modelName
                    + " takes " + modelShape + "; give images of that shape, or a model that takes these");
        }
    }

    /** {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}, or a comma-separated list of devices. */
    static List<Device> devices(String spec) {
        List<Device> devices = new ArrayList<>();
        for (String part : spec.split(",")) {
            devices.add(Devices.choose(part));
        }
        return devices;
    }

    /**
     * Trains (or resumes) to the configured number of epochs, stopping cleanly between steps when
     * asked. A run that has trained every epoch already is left untouched. A new run that fails
     * before its first step leaves no directory behind.
     *
     * @param stopRequested asked before every step (e.g. a flag a shutdown hook sets)
     * @return where training stopped
     * @throws IOException if the run directory cannot be written or a checkpoint is damaged
     * @throws io.ganpoet.train.loop.TrainingStoppedException when {@code stopRequested} said yes; the position is checkpointed
     * @throws ai.djl.TrainingDivergedException on a NaN or infinite loss
     */
    public Position fit(BooleanSupplier stopRequested) throws IOException {
        if (complete) {
            return run.checkpoint().orElseThrow().position();
        }
        run.begin(configYaml, summary, changes);
        try {
            return loop.run(manager, stopRequested);
        } catch (IOException | RuntimeException e) {
            if (loop.stepsRun() == 0) {
                run.abandon();
            }
            throw e;
        }
    }

    /**
     * Adds a listener, told of the run's start, every step, every epoch's end and checkpoint, and
     * its end, after ganpoet's own (metrics, progress, plots, pictures).
     *
     * @param listener the listener
     */
    void addListener(RunListener listener) {
        loop.addListener(listener);
    }

    /**
     * The model kind's step.
     *
     * @return the step
     */
    public S step() {
        return step;
    }

    /**
     * The keys this resume changes (recorded in the run's resume log), empty for a new run.
     *
     * @return the changes, in key order
     */
    public List<RunDirectory.Change> changes() {
        return changes;
    }

    /**
     * Whether the run had already trained every epoch asked for, so {@link #fit} trains nothing.
     *
     * @return true when there is nothing left to train
     */
    public boolean complete() {
        return complete;
    }

    /**
     * Returns the manager the networks live in.
     *
     * @return the session's manager
     */
    public NDManager manager() {
        return manager;
    }

    /**
     * Returns the run directory.
     *
     * @return the directory
     */
    public Path directory() {
        return run.directory();
    }

    /**
     * Returns the run's static facts.
     *
     * @return name, metrics, epochs, batch size, devices, directory
     */
    public TrainingLoop.RunInfo info() {
        return loop.info();
    }

    /** Frees the networks and releases the run directory's lock. */
    @Override
    public void close() throws IOException {
        manager.close();
        run.close();
    }
}
