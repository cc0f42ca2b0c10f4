package io.ganpoet.train.loop;

import ai.djl.Device;
import ai.djl.TrainingDivergedException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.ganpoet.runtime.kernels.ConvKernels;
import io.ganpoet.runtime.kernels.KernelPolicy;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.loop.RunListener.StepEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The one training loop, shared by every {@link TrainingStep} (GAN, classifier, autoencoder):
 * orders the data by epoch, seeds the engine, cuts DJL {@link Batch}es and shards them across
 * devices, stops on a non-finite metric, tells the listeners, and checkpoints.
 *
 * <p>Reproducibility: the data order is drawn from {@code (seed, epoch)} and the engine's random
 * generator is reseeded from {@code (seed, step)} before every step; a checkpoint holds everything
 * else that changes (parameters, batch-norm statistics, optimizer state). A run resumed from any
 * checkpoint, mid-epoch included, therefore computes the same steps as one never interrupted (bit
 * for bit with {@code cpu_threads: 1}).
 */
public final class TrainingLoop {

    /** A run's static facts, for listeners. */
    public record RunInfo(
            String name,
            List<String> metricNames,
            int epochs,
            int stepsPerEpoch,
            int batchSize,
            List<Device> devices,
            Path directory) {}

    private final TrainingStep step;
    private final ImageSet data;
    private final LoopSettings settings;
    private final int stepsPerEpoch;
    private final List<Device> devices;
    private final List<RunListener> listeners;
    private final CheckpointStore checkpoints;
    private final RunInfo info;
    private BooleanSupplier stopRequested = () -> false;
    private long stepsRun;
    /** Global step of the newest checkpoint on disk; -1 before the first. */
    private long lastCheckpointStep = -1;

    /**
     * @param step what a step does
     * @param data the training images (and labels, when the step wants them)
     * @param settings epochs, batch size, steps per epoch, seed, checkpoint cadence
     * @param devices one per shard (the same device may repeat); the batch is split evenly
     * @param listeners metrics, progress, pictures
     * @param checkpoints where to checkpoint and resume from
     * @param name the run's name
     * @param directory the run directory
     */
    public TrainingLoop(
            TrainingStep step,
            ImageSet data,
            LoopSettings settings,
            List<Device> devices,
            List<RunListener> listeners,
            CheckpointStore checkpoints,
            String name,
            Path directory) {
        this.step = step;
        this.data = data;
        this.settings = settings;
        this.devices = List.copyOf(devices);
        this.listeners = new java.util.concurrent.CopyOnWriteArrayList<>(listeners);
        this.checkpoints = checkpoints;
        int batchSize = settings.batchSize();
        if (data.count() < batchSize) {
            throw new IllegalArgumentException(data.origin() + ": " + data.count() + " images, fewer than one batch of "
                    + batchSize + "; lower batch_size or supply more data");
        }
        if (batchSize % devices.size() != 0) {
            throw new IllegalArgumentException(
                    "batch_size " + batchSize + " does not split evenly over " + devices.size() + " devices");
        }
        int full = data.count() / batchSize;
        this.stepsPerEpoch = settings.stepsPerEpoch() > 0 ? Math.min(settings.stepsPerEpoch(), full) : full;
        this.info = new RunInfo(
                name, step.metricNames(), settings.epochs(), stepsPerEpoch, batchSize, this.devices, directory);
    }

    /**
     * Returns the run's static facts.
     *
     * @return name, metrics, epochs, batch size, devices, directory
     */
    public RunInfo info() {
        return info;
    }

    /**
     * Trains to the configured number of epochs, resuming from the newest checkpoint when there is
     * one (after verifying it).
     *
     * @param manager owns the networks; each step works in a sub-manager of it
     * @return where training stopped
     * @throws IOException if a checkpoint cannot be read or written, or a listener cannot write
     * @throws TrainingDivergedException when a metric becomes NaN or infinite (the newest
     *     checkpoint stays as it was)
     */
    public Position run(NDManager manager) throws IOException {
        return run(manager, () -> false);
    }

    /**
     * Like {@link #run(NDManager)}, asking {@code stopRequested} before every step: when it says
     * yes, the position reached is checkpointed (unless the newest checkpoint already holds it)
     * and training ends with a {@link TrainingStoppedException}. A JVM shutdown hook that sets a
     * flag makes SIGINT and SIGTERM stop cleanly this way.
     *
     * @param manager owns the networks
     * @param stopRequested asked between steps, from the training thread
     * @return where training stopped
     * @throws IOException as {@link #run(NDManager)}
     * @throws TrainingStoppedException when {@code stopRequested} said yes
     */
    public Position run(NDManager manager, BooleanSupplier stopRequested) throws IOException {
        this.stopRequested = stopRequested;
        stepsRun = 0;
        Optional<Position> restored = checkpoints.restore(step.networks(), manager);
        Position position = restored.orElse(Position.START);
        lastCheckpointStep = restored.isPresent() ? position.step() : -1;
        for (RunListener l : listeners) {
            l.onStart(info, position);
        }
        boolean completed = false;
        Throwable failure = null;
        try {
            while (position.epoch() < settings.epochs()) {
                position = runEpoch(manager, position);
                for (RunListener l : listeners) {
                    l.onEpochEnd(position.epoch());
                }
                checkpoint(position);
            }
            completed = true;
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            for (RunListener l : listeners) {
                try {
                    l.onEnd(completed);
                } catch (IOException | RuntimeException e) {
                    // The first failure is the one to report (a full disk fails every later write too).
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        }
        return position;
    }

    private Position runEpoch(NDManager manager, Position from) throws IOException {
        int epoch = from.epoch() + 1;
        int batchSize = settings.batchSize();
        int[] order = permutation(data.count(), new Random(settings.seed() * 1_000_003L + epoch));
        long globalStep = from.step();
        for (int s = from.stepInEpoch(); s < stepsPerEpoch; s++) {
            if (stopRequested.getAsBoolean()) {
                Position here = new Position(from.epoch(), s, globalStep);
                Path kept = globalStep == lastCheckpointStep
                        ? checkpoints.latest().orElse(null)
                        : stepsRun == 0 ? null : checkpoint(here);
                throw new TrainingStoppedException(here, kept);
            }
            int[] indices = Arrays.copyOfRange(order, s * batchSize, (s + 1) * batchSize);
            long stepSeed = settings.seed() * 1_000_003L + globalStep;
            Engine.getInstance().setRandomSeed((int) (stepSeed ^ (stepSeed >>> 32)));
            long start = System.nanoTime();
            Metrics metrics;
            try (NDManager scope = manager.newSubManager(devices.get(0))) {
                Batch batch = data.batch(scope, indices, globalStep, (long) settings.epochs() * stepsPerEpoch);
                metrics = step.trainBatch(shards(batch));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            globalStep++;
            stepsRun++;
            checkFinite(metrics, epoch, s + 1, globalStep);
            StepEvent event = new StepEvent(
                    epoch, settings.epochs(), globalStep, s + 1, stepsPerEpoch, metrics, batchSize / seconds);
            for (RunListener l : listeners) {
                l.onStep(event);
            }
            int every = settings.checkpointEverySteps();
            if (every > 0 && globalStep % every == 0 && s + 1 < stepsPerEpoch) {
                checkpoint(new Position(from.epoch(), s + 1, globalStep));
            }
        }
        return new Position(epoch, 0, globalStep);
    }

    private Path checkpoint(Position position) throws IOException {
        Path saved = checkpoints.save(position, step.networks());
        lastCheckpointStep = position.step();
        for (RunListener l : listeners) {
            l.onCheckpoint(saved, position);
        }
        return saved;
    }

    /**
     * Adds a listener after the ones given at construction.
     *
     * @param listener told of the run's start, steps, epoch ends, checkpoints and end
     */
    public void addListener(RunListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Steps computed by the latest {@link #run} call (0 when it failed or stopped before its first).
     *
     * @return the steps
     */
    public long stepsRun() {
        return stepsRun;
    }

    private List<Batch> shards(Batch batch) {
        if (devices.size() == 1) {
            return List.of(batch);
        }
        return List.of(batch.split(devices.toArray(Device[]::new), true));
    }

    private void checkFinite(Metrics metrics, int epoch, int stepInEpoch, long globalStep) throws IOException {
        for (String name : step.metricNames()) {
            float value = metrics.get(name);
            if (!Float.isFinite(value)) {
                throw new TrainingDivergedException(
                        name + " is " + value + " at epoch " + epoch + ", step " + stepInEpoch
                                + " (global step " + globalStep + "); stopped. "
                                + checkpoints
                                        .latest()
                                        .map(p -> "The newest checkpoint, " + p + ", is as it was")
                                        .orElse("No checkpoint was written yet")
                                + "; try a lower learning rate or another loss"
                                + (ConvKernels.policy() == KernelPolicy.TRUSTED
                                        ? ""
                                        : ", or the setting kernels: trusted to rule out the native convolution kernels"));
            }
        }
    }

    /**
     * A permutation of {@code 0..n-1} by Fisher–Yates: the same order on every machine for a seed.
     *
     * @param n the count
     * @param random the seeded generator
     * @return the order
     */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
