package io.ganpoet.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.pytorch.specs.SmallGan;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.InMemoryImages;
import io.ganpoet.train.loop.TrainableNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in for two nodes: a two-process gloo torchrun on one machine ends 10 steps with the same weights (and
 * Adam moments, and losses) as one process running the combined batch, to 1e-5. The one process splits the batch
 * into the same two shards (--shards 2), as ganpoet splits a batch over devices: batch norm normalises each
 * process's shard by its own statistics, as DDP without SyncBatchNorm does.
 */
class DistributedEquivalenceTest {

    static final int STEPS = 10;

    @TempDir
    Path dir;

    @Test
    void twoGlooProcessesEndWithTheWeightsOfOneProcessOnTheCombinedBatch() throws Exception {
        ExperimentConfig config = Jobs.config("batch_size: 16\nseed: 9\nkernels: trusted\ncpu_threads: 1\nepochs: 1\n");
        GanModel gan = new SmallGan();
        try (NDManager manager = NDManager.newBaseManager()) {
            List<TrainableNetwork> networks = Jobs.networks(gan, config, manager, 8);
            java.util.Random random = new java.util.Random(4);
            byte[] pixels = new byte[16 * STEPS * 64];
            random.nextBytes(pixels);
            InMemoryImages data = new InMemoryImages(pixels, new int[16 * STEPS], new Shape(1, 8, 8), "random pixels");
            Path job = dir.resolve("job");
            PyTorchExport.writeJob(
                    job,
                    config,
                    Jobs.keys(),
                    "io/ganpoet/pytorch/specs/SmallGan.py",
                    getClass().getClassLoader(),
                    Jobs.snapshot(networks),
                    data,
                    manager);
            Map<String, NDArray> written = StateFile.read(job.resolve("data.safetensors"), manager);
            assertEquals(new Shape(16 * STEPS, 1, 8, 8), written.get("images").getShape());
            assertEquals(DataType.UINT8, written.get("images").getDataType());
            assertEquals(
                    pixels[5] & 0xff,
                    written.get("images")
                            .toType(DataType.INT32, false)
                            .flatten()
                            .getInt(5));

            Python.Result two = Python.run(
                    job, Jobs.torchrun(2, ".", "--out", dir.resolve("two").toString()));
            assertEquals(0, two.exitCode(), two.output());
            assertTrue(two.output().contains("process 1 of 2 (gloo, cpu)"), two.output());
            Python.Result one = Python.run(
                    job,
                    Jobs.torchrun(
                            1, ".", "--shards", "2", "--out", dir.resolve("one").toString()));
            assertEquals(0, one.exitCode(), one.output());

            String last = String.format(Locale.ROOT, "checkpoints/step-%09d.safetensors", STEPS);
            Map<String, NDArray> a = StateFile.read(dir.resolve("two").resolve(last), manager);
            Map<String, NDArray> b = StateFile.read(dir.resolve("one").resolve(last), manager);
            double weights =
                    Math.max(Jobs.weightDifference(a, b, "generator."), Jobs.weightDifference(a, b, "discriminator."));
            double moments = Jobs.weightDifference(a, b, StateFile.OPTIMIZER);
            List<double[]> ma = Jobs.metrics(dir.resolve("two").resolve("metrics.csv"));
            List<double[]> mb = Jobs.metrics(dir.resolve("one").resolve("metrics.csv"));
            assertEquals(STEPS, ma.size());
            double losses = 0;
            for (int s = 0; s < STEPS; s++) {
                for (int m = 0; m < 4; m++) {
                    losses = Math.max(
                            losses, Math.abs(ma.get(s)[m] - mb.get(s)[m]) / Math.max(Math.abs(mb.get(s)[m]), 1e-12));
                }
            }
            double movedFromStart = Jobs.weightDifference(a, Jobs.snapshot(networks), "generator.");
            System.out.printf(
                    Locale.ROOT,
                    "2 gloo processes vs 1 process on the combined batch, %d steps: weights %.3g,"
                            + " Adam moments %.3g, losses %.3g relative (the generator moved %.3g from its start)%n",
                    STEPS,
                    weights,
                    moments,
                    losses,
                    movedFromStart);
            assertTrue(weights <= 1e-5, "weights differ by " + weights);
            assertTrue(moments <= 1e-5, "Adam moments differ by " + moments);
            assertTrue(losses <= 1e-5, "losses differ by " + losses);
            assertTrue(movedFromStart > 1e-3, "training moved the weights: " + movedFromStart);
        }
    }
}
