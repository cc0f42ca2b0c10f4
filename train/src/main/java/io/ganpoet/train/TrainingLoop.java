package io.ganpoet.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.ganpoet.train.data.ImageDataset;
import io.ganpoet.train.TrainingListener.StepEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The one training loop, shared by every {@link TrainingStep} (GAN, autoencoder, VAE): shuffles
 * the data by epoch, seeds the engine, splits each batch across devices, stops on a non-finite
 * metric, tells the listeners, and checkpoints after every epoch.
 *
 * <p>Reproducibility: the data order and the engine's random generator are reseeded from {@code
 * (seed, epoch)} at the start of every epoch, and a checkpoint holds everything else that changes
 * (parameters, batch-norm statistics, optimiser moments). On one device, a run resumed from a
 * checkpoint therefore produces the same metrics as one that was never interrupted.
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
    private final ImageDataset data;
    private final int epochs;
    private final int batchSize;
    private final int stepsPerEpoch;
    private final long seed;
    private final List<Device> devices;
    private final List<TrainingListener> listeners;
    private final Checkpoints checkpoints;
    private final String configYaml;
    private final RunInfo info;

    /**
     * @param step what a step does
     * @param data the training images
     * @param config epochs, batch size, steps per epoch, seed
     * @param devices where to compute; the batch is split evenly across them
     * @param listeners metrics, progress, pictures
     * @param checkpoints where to checkpoint and resume from
     * @param name the run's name
     * @param directory the run directory
     */
    public TrainingLoop(
            TrainingStep step,
            ImageDataset data,
            TrainingConfig config,
            List<Device> devices,
            List<TrainingListener> listeners,
            Checkpoints checkpoints,
            String name,
            Path directory) {
        this.step = step;
        this.data = data;
        this.epochs = config.integer("epochs");
        this.batchSize = config.integer("batch_size");
        this.seed = config.integer("seed");
        this.devices = List.copyOf(devices);
        this.listeners = List.copyOf(listeners);
        this.checkpoints = checkpoints;
        this.configYaml = config.toYaml();
        if (data.count() < batchSize) {
            throw new IllegalArgumentException(
                    data.origin() + ": " + data.count() + " images, fewer than one batch of " + batchSize
                            + "; lower batch_size or supply more data");
        }
        if (batchSize < devices.size()) {
            throw new IllegalArgumentException(
                    "batch_size " + batchSize + " cannot be split over " + devices.size() + " devices");
        }
        int full = data.count() / batchSize;
        int cap = config.integer("steps_per_epoch");
        this.stepsPerEpoch = cap > 0 ? Math.min(cap, full) : full;
        this.info = new RunInfo(name, step.metricNames(), epochs, stepsPerEpoch, batchSize, this.devices, directory);
    }

    public RunInfo info() {
        return info;
    }

    /**
     * Trains to the configured number of epochs, resuming from the checkpoint when there is one.
     *
     * @param manager owns the networks; each step works in a sub-manager of it
     * @return the last completed epoch
     * @throws IOException if a checkpoint or listener file cannot be written
     * @throws TrainingDivergedException when a metric becomes NaN or infinite (the last good
     *     checkpoint stays)
     */
    public int run(NDManager manager) throws IOException {
        int done = 0;
        long globalStep = 0;
        if (checkpoints.exists()) {
            Checkpoints.Position position = checkpoints.load(step, manager);
            done = position.epoch();
            globalStep = position.step();
        }
        for (TrainingListener l : listeners) {
            l.onStart(info, done);
        }
        boolean completed = false;
        try {
            for (int epoch = done + 1; epoch <= epochs; epoch++) {
                globalStep = runEpoch(manager, epoch, globalStep);
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(epoch);
                }
                checkpoints.save(new Checkpoints.Position(epoch, globalStep, seed, configYaml), step);
                done = epoch;
            }
            completed = true;
        } finally {
            for (TrainingListener l : listeners) {
                l.onEnd(completed);
            }
        }
        return done;
    }

    private long runEpoch(NDManager manager, int epoch, long globalStep) throws IOException {
        long epochSeed = seed * 1_000_003L + epoch;
        Engine.getInstance().setRandomSeed((int) (epochSeed ^ (epochSeed >>> 32)));
        int[] order = permutation(data.count(), new Random(epochSeed));
        for (int s = 0; s < stepsPerEpoch; s++) {
            int[] indices = new int[batchSize];
            System.arraycopy(order, s * batchSize, indices, 0, batchSize);
            long start = System.nanoTime();
            float[] metrics;
            try (NDManager scope = manager.newSubManager(devices.get(0))) {
                NDArray batch = data.batch(scope, indices);
                metrics = step.step(shards(batch, scope));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            globalStep++;
            checkFinite(metrics, epoch, s + 1, globalStep);
            StepEvent event =
                    new StepEvent(epoch, epochs, globalStep, s + 1, stepsPerEpoch, metrics, batchSize / seconds);
            for (TrainingListener l : listeners) {
                l.onStep(event);
            }
        }
        return globalStep;
    }

    private List<NDArray> shards(NDArray batch, NDManager scope) {
        if (devices.size() == 1) {
            return List.of(batch);
        }
        List<NDArray> shards = new ArrayList<>();
        NDList parts = batch.split(devices.size());
        for (int i = 0; i < parts.size(); i++) {
            NDArray part = parts.get(i).toDevice(devices.get(i), false);
            part.attach(scope);
            shards.add(part);
        }
        return shards;
    }

    private void checkFinite(float[] metrics, int epoch, int stepInEpoch, long globalStep) {
        for (int i = 0; i < metrics.length; i++) {
            if (!Float.isFinite(metrics[i])) {
                throw new TrainingDivergedException(
                        step.metricNames().get(i) + " is " + metrics[i] + " at epoch " + epoch + ", step " + stepInEpoch
                                + " (global step " + globalStep + "); stopped. The last good checkpoint, "
                                + (checkpoints.exists() ? checkpoints.file() : "none yet") + ", is intact;"
                                + " try a lower learning rate or another loss");
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
