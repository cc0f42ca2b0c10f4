package io.ganpoet.samples.specs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import io.ganpoet.samples.FashionSlice;
import io.ganpoet.train.data.ImageSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated blocks are plain DJL blocks: DJL's own {@link Trainer}, {@link EasyTrain}, loss and
 * Adam train the generated Fashion discriminator as a binary classifier (trousers against bags),
 * with nothing of ganpoet's training core involved.
 */
class DjlTrainerTest {

    private static final int TROUSER = 1;
    private static final int BAG = 8;

    @Test
    void djlsTrainerTrainsAGeneratedDiscriminator() throws IOException, TranslateException {
        ImageSet train = FashionSlice.train();
        ImageSet test = FashionSlice.test();
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("trouser-or-bag")) {
            model.setBlock(new FashionDiscriminatorBlock());
            // L2 on the sigmoid output: DJL 0.35.1's sigmoidBinaryCrossEntropyLoss(..., fromSigmoid = true)
            // computes lab·log(p) + (1 − lab)(1 − p), without the second log or the minus sign, and
            // trains such a classifier backwards (seen here: held-out accuracy 0.04).
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(1e-3f))
                            .build())
                    .addTrainingListeners(new EvaluatorTrainingListener());
            ArrayDataset data = twoClasses(manager, train, 512, true);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(32, 1, 28, 28));
                EasyTrain.fit(trainer, 2, data, null);
                TrainingResult result = trainer.getTrainingResult();
                float loss = result.getTrainLoss();
                assertTrue(loss < 0.05f, "train loss " + loss);
            }
            // Held-out images: D(x) > 0.5 means trouser.
            ArrayDataset held = twoClasses(manager, test, 200, false);
            NDArray images = held.get(manager, 0).getData().head().expandDims(0);
            int correct = 0;
            int count = 0;
            for (long i = 0; i < held.size(); i++) {
                var record = held.get(manager, i);
                NDArray x = record.getData().head().expandDims(0);
                float p = model.getBlock()
                        .forward(new ai.djl.training.ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow()
                        .getFloat();
                correct += (p > 0.5f) == (record.getLabels().head().getFloat() > 0.5f) ? 1 : 0;
                count++;
            }
            assertTrue(images.getShape().equals(new Shape(1, 1, 28, 28)));
            double accuracy = (double) correct / count;
            assertTrue(accuracy > 0.95, "held-out accuracy " + accuracy + " on " + count + " images");
        }
    }

    /** Trousers (label 1) and bags (label 0) from a labelled set, as a DJL ArrayDataset. */
    private static ArrayDataset twoClasses(NDManager manager, ImageSet images, int limit, boolean shuffle) {
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < images.count() && picked.size() < limit; i++) {
            int label = images.label(i);
            if (label == TROUSER || label == BAG) {
                picked.add(i);
            }
        }
        int[] indices = picked.stream().mapToInt(Integer::intValue).toArray();
        float[] labels = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            labels[i] = images.label(indices[i]) == TROUSER ? 1f : 0f;
        }
        return new ArrayDataset.Builder()
                .setData(images.batch(manager, indices))
                .optLabels(manager.create(labels, new Shape(indices.length, 1)))
                .setSampling(32, shuffle)
                .build();
    }
}
