package io.ganpoet.samples;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.ganpoet.runtime.nn.CheckedConv2d;
import io.ganpoet.train.classifier.ClassifierStep;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.eval.FeatureNetwork;
import io.ganpoet.train.loop.LoopSettings;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.loop.TrainingLoop;
import io.ganpoet.train.optim.ResumableAdam;
import io.ganpoet.train.report.ReportSettings;
import io.ganpoet.train.report.Reports;
import io.ganpoet.train.run.Checkpoints;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small Fashion-MNIST classifier whose 128-feature hidden layer is the feature space for the
 * Fréchet distance of Fashion GANs (FID's idea, with a network that knows clothing rather than
 * ImageNet). Two conv blocks and two linear layers; trained by {@code ganpoet classifier} and
 * shipped as {@code fashion-classifier.params}.
 */
final class FashionClassifier implements FeatureNetwork, AutoCloseable {

    static final String RESOURCE = "/io/ganpoet/samples/fashion-classifier.params";
    private static final Shape INPUT = new Shape(1, 1, 28, 28);

    private final NDManager manager;
    private final SequentialBlock features;
    private final SequentialBlock head;
    private final ParameterStore store;

    private FashionClassifier(NDManager manager) {
        this.manager = manager;
        features = new SequentialBlock()
                .add(CheckedConv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .setFilters(32)
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(CheckedConv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .setFilters(64)
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu);
        head = new SequentialBlock()
                .add(Dropout.builder().optRate(0.3f).build())
                .add(Linear.builder().setUnits(10).build());
        features.initialize(manager, DataType.FLOAT32, INPUT);
        head.initialize(manager, DataType.FLOAT32, new Shape(1, 128));
        store = new ParameterStore(manager, false);
    }

    /** The shipped classifier, or {@code null} when the jar has none. */
    static FashionClassifier loadShipped(NDManager manager) throws IOException {
        try (InputStream in = FashionClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            FashionClassifier classifier = new FashionClassifier(manager.newSubManager());
            try (DataInputStream data = new DataInputStream(in)) {
                classifier.features.loadParameters(classifier.manager, data);
                classifier.head.loadParameters(classifier.manager, data);
            } catch (ai.djl.MalformedModelException e) {
                throw new IOException(RESOURCE + ": " + e.getMessage(), e);
            }
            return classifier;
        }
    }

    @Override
    public NDArray features(NDArray images) {
        return features.forward(store, new NDList(images), false).singletonOrThrow();
    }

    private NDArray logits(NDArray images, boolean training) {
        NDArray hidden = features.forward(store, new NDList(images), training).singletonOrThrow();
        return head.forward(store, new NDList(hidden), training).singletonOrThrow();
    }

    /** The class the classifier gives each image {@code (N, 1, 28, 28)} in [-1, 1]. */
    long[] predict(NDArray images) {
        return logits(images, false).argMax(1).toLongArray();
    }

    /** Fraction of {@code data} classified correctly. */
    double accuracy(ImageSet data) {
        int correct = 0;
        for (int start = 0; start < data.count(); start += 500) {
            int size = Math.min(500, data.count() - start);
            int[] indices = range(start, size);
            try (NDManager scope = manager.newSubManager()) {
                long[] predicted =
                        logits(data.batch(scope, indices), false).argMax(1).toLongArray();
                for (int i = 0; i < size; i++) {
                    correct += predicted[i] == data.label(indices[i]) ? 1 : 0;
                }
            }
        }
        return (double) correct / data.count();
    }

    /**
     * Trains a fresh classifier on the shared training core ({@link ClassifierStep} in a {@link
     * TrainingLoop}): Adam (lr 1e-3), softmax cross-entropy, batches of 128, leaving metrics.csv,
     * plots and checkpoints in {@code runDirectory}; prints the test accuracy after every epoch.
     *
     * @param train labelled training images
     * @param test labelled test images, for the reported accuracy
     * @param epochs passes over {@code train}
     * @param seed seeds initialisation and shuffling
     * @param runDirectory where the run's files go
     * @param out progress
     * @return the trained classifier
     */
    static FashionClassifier train(
            NDManager manager, ImageSet train, ImageSet test, int epochs, long seed, Path runDirectory, PrintStream out)
            throws IOException {
        Engine.getInstance().setRandomSeed((int) seed);
        FashionClassifier c = new FashionClassifier(manager.newSubManager());
        SequentialBlock whole = new SequentialBlock().add(c.features).add(c.head);
        Optimizer adam = ResumableAdam.builder()
                .optLearningRateTracker(Tracker.fixed(1e-3f))
                .build();
        TrainableNetwork network =
                new TrainableNetwork("classifier", whole, adam, c.manager, List.of(c.manager.getDevice()));
        ClassifierStep step = new ClassifierStep(network);
        LoopSettings settings = new LoopSettings(epochs, 128, 0, seed, 0);
        List<RunListener> listeners = new ArrayList<>(
                Reports.standard(step, c.manager, runDirectory, new ReportSettings(1, 0, 100), out, false));
        listeners.add(new RunListener() {
            @Override
            public void onEpochEnd(int epoch) {
                out.printf(
                        Locale.ROOT, "classifier epoch %d/%d: test accuracy %.4f%n", epoch, epochs, c.accuracy(test));
            }
        });
        new TrainingLoop(
                        step,
                        train,
                        settings,
                        List.of(c.manager.getDevice()),
                        listeners,
                        new Checkpoints(runDirectory.resolve("checkpoints"))
                                .store(settings.seed(), "epochs: " + epochs + "\nseed: " + seed + "\n"),
                        "FashionClassifier",
                        runDirectory)
                .run(c.manager);
        return c;
    }

    void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        features.saveParameters(data);
        head.saveParameters(data);
        data.flush();
    }

    private static int[] range(int start, int size) {
        int[] r = new int[size];
        for (int i = 0; i < size; i++) {
            r[i] = start + i;
        }
        return r;
    }

    @Override
    public void close() {
        manager.close();
    }
}
