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
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.ganpoet.train.data.ImageDataset;
import io.ganpoet.train.eval.FeatureNetwork;
import io.ganpoet.train.AdamOptimizer;
import io.ganpoet.train.TrainingLoop;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;

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
        features =
                new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(32).optPadding(new Shape(1, 1)).build())
                        .add(BatchNorm.builder().build())
                        .add(Activation::relu)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(64).optPadding(new Shape(1, 1)).build())
                        .add(BatchNorm.builder().build())
                        .add(Activation::relu)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(128).build())
                        .add(Activation::relu);
        head = new SequentialBlock().add(Dropout.builder().optRate(0.3f).build()).add(Linear.builder().setUnits(10).build());
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

    /** Fraction of {@code data} classified correctly. */
    double accuracy(ImageDataset data) {
        int correct = 0;
        for (int start = 0; start < data.count(); start += 500) {
            int size = Math.min(500, data.count() - start);
            int[] indices = range(start, size);
            try (NDManager scope = manager.newSubManager()) {
                long[] predicted = logits(data.batch(scope, indices), false).argMax(1).toLongArray();
                for (int i = 0; i < size; i++) {
                    correct += predicted[i] == data.label(indices[i]) ? 1 : 0;
                }
            }
        }
        return (double) correct / data.count();
    }

    /**
     * Trains a fresh classifier with Adam (lr 1e-3) and softmax cross-entropy.
     *
     * @param train labelled training images
     * @param test labelled test images, for the reported accuracy
     * @param epochs passes over {@code train}
     * @param seed seeds initialisation and shuffling
     * @param out progress
     * @return the trained classifier
     */
    static FashionClassifier train(NDManager manager, ImageDataset train, ImageDataset test, int epochs, long seed, PrintStream out) {
        Engine.getInstance().setRandomSeed((int) seed);
        FashionClassifier c = new FashionClassifier(manager.newSubManager());
        SequentialBlock whole = new SequentialBlock().add(c.features).add(c.head);
        AdamOptimizer adam = new AdamOptimizer(whole, AdamOptimizer.Settings.of(1e-3, 0.9, 0.999));
        ParameterStore trainingStore = new ParameterStore(c.manager, false);
        trainingStore.setParameterServer(adam, new ai.djl.Device[] {c.manager.getDevice()});
        int batch = 128;
        Random random = new Random(seed);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = TrainingLoop.permutation(train.count(), random);
            double lossSum = 0;
            int steps = train.count() / batch;
            for (int s = 0; s < steps; s++) {
                int[] indices = java.util.Arrays.copyOfRange(order, s * batch, (s + 1) * batch);
                try (NDManager scope = c.manager.newSubManager()) {
                    NDArray x = train.batch(scope, indices);
                    float[] labels = new float[batch];
                    for (int i = 0; i < batch; i++) {
                        labels[i] = train.label(indices[i]);
                    }
                    NDArray y = scope.create(labels).toType(DataType.INT64, false).oneHot(10);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray hidden = c.features.forward(trainingStore, new NDList(x), true).singletonOrThrow();
                        NDArray logits = c.head.forward(trainingStore, new NDList(hidden), true).singletonOrThrow();
                        NDArray loss = logits.logSoftmax(1).mul(y).sum(new int[] {1}).neg().mean();
                        collector.backward(loss);
                        lossSum += loss.getFloat();
                    }
                    trainingStore.updateAllParameters();
                }
            }
            out.printf(Locale.ROOT, "classifier epoch %d/%d: loss %.4f, test accuracy %.4f%n",
                    epoch, epochs, lossSum / steps, c.accuracy(test));
        }
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
