package io.ganpoet.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.DataIterable;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The DJL side of an {@link ImageSet}: a {@link RandomAccessDataset} whose batches, whichever way DJL
 * asks for them, come from {@link #batch(NDManager, int[], long, long)} in one copy.
 */
abstract class OneCopyDataset extends RandomAccessDataset {

    OneCopyDataset() {
        super(new Sampling().setSampling(1, false));
    }

    /** @return the number of images */
    public abstract int count();

    /**
     * @param index the image
     * @return its label, -1 when unknown
     */
    public abstract int label(int index);

    /** @return one image's shape */
    public abstract Shape imageShape();

    /**
     * @param manager where to create the array
     * @param indices image indices
     * @return the images, {@code (B, C, H, W)} in [-1, 1]
     */
    public abstract NDArray batch(NDManager manager, int[] indices);

    /**
     * @param manager the parent of the batch's manager
     * @param indices image indices
     * @param progress the caller's position
     * @param progressTotal the caller's total
     * @return the images and labels as a DJL batch
     */
    public abstract Batch batch(NDManager manager, int[] indices, long progress, long progressTotal);

    /** One image {@code (C, H, W)} in [-1, 1] and its int32 scalar label, as DJL's record-by-record path reads it. */
    @Override
    public Record get(NDManager manager, long index) {
        int i = Math.toIntExact(index);
        NDArray image = batch(manager, new int[] {i}).reshape(imageShape());
        return new Record(new NDList(image), new NDList(manager.create(label(i))));
    }

    @Override
    protected long availableSize() {
        return count();
    }

    @Override
    public void prepare(Progress progress) {
        // Nothing to fetch: subclasses are ready when constructed.
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        return getData(manager, sampler, null);
    }

    @Override
    public Iterable<Batch> getData(NDManager manager, ExecutorService executorService) {
        return getData(manager, sampler, executorService);
    }

    @Override
    public Iterable<Batch> getData(NDManager manager, Sampler sampler) {
        return getData(manager, sampler, null);
    }

    @Override
    public Iterable<Batch> getData(NDManager manager, Sampler sampler, ExecutorService executorService) {
        return new OneCopyIterable(this, manager, sampler, executorService);
    }

    /**
     * DJL's iterable (sampling, prefetch, executor, device) with its per-batch fetch replaced by {@link
     * #batch(NDManager, int[], long, long)}: one copy per batch instead of one array per record plus a stack.
     * With a pipeline or non-stacking batchifier configured, DJL's own record-by-record fetch runs.
     */
    private static final class OneCopyIterable extends DataIterable {

        OneCopyIterable(OneCopyDataset images, NDManager manager, Sampler sampler, ExecutorService executor) {
            super(
                    images,
                    manager,
                    sampler,
                    images.dataBatchifier,
                    images.labelBatchifier,
                    images.pipeline,
                    images.targetPipeline,
                    executor,
                    images.prefetchNumber,
                    images.device);
        }

        @Override
        protected Batch fetch(List<Long> indices, int progress) throws java.io.IOException {
            if (pipeline != null
                    || targetPipeline != null
                    || dataBatchifier != Batchifier.STACK
                    || labelBatchifier != Batchifier.STACK) {
                return super.fetch(indices, progress);
            }
            // DJL's constructor may prefetch before a field of ours is set: read the dataset from its own field.
            OneCopyDataset images = (OneCopyDataset) dataset;
            int[] at = new int[indices.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = Math.toIntExact(indices.get(i));
            }
            Batch batch = images.batch(manager, at, progress, images.size());
            if (device == null) {
                return batch;
            }
            return new Batch(
                    batch.getManager(),
                    batch.getData().toDevice(device, false),
                    batch.getLabels().toDevice(device, false),
                    batch.getSize(),
                    Batchifier.STACK,
                    Batchifier.STACK,
                    progress,
                    images.size(),
                    batch.getIndices());
        }
    }

    /** DJL's dataset builder, only to give the base class a sampler: one image per batch, in order. */
    private static final class Sampling extends RandomAccessDataset.BaseBuilder<Sampling> {
        @Override
        protected Sampling self() {
            return this;
        }
    }
}
