package io.ganpoet.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.ganpoet.pytorch.specs.SmallConditionalGan;
import io.ganpoet.pytorch.specs.SmallGan;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.kernels.ConvKernels;
import io.ganpoet.runtime.kernels.KernelPolicy;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.loop.TrainableNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that the twin trains like ganpoet: from the same initial weights, the same batches and the same latent
 * noise, 20 steps of ganpoet's GanStep (Java, DJL) and of the twin's trainer under a one-process torchrun agree on
 * every loss and metric to 1e-4 relative (float32, both on the trusted kernels).
 */
class TrainingEquivalenceTest {

    static final int STEPS = 20;
    static final int BATCH = 8;

    static final String SAME_NOISE =
            """
            import sys
            import torch
            from ganpoet_torch import state, train
            t = state.read(sys.argv[1])
            same = 0
            for s in range(20):
                train.manual_seed(train.step_seed(5, s))
                z = torch.normal(0.0, 1.0, tuple(t["z.%d" % s].shape))
                same += int(torch.equal(z, t["z.%d" % s]))
            print("identical noise: %d of 20 steps" % same)
            """;

    @TempDir
    Path dir;

    private KernelPolicy before;

    @BeforeEach
    void trustedKernels() {
        before = ConvKernels.policy();
        ConvKernels.setPolicy(KernelPolicy.TRUSTED);
    }

    @AfterEach
    void restoreKernels() {
        ConvKernels.setPolicy(before);
    }

    @Test
    void twentyStepsOfGanStepAndOfAOneProcessTorchrunAgreeOnEveryLoss() throws Exception {
        compare(new SmallGan(), "", true);
    }

    /** A conditional GAN: labels for the real batch, fake labels drawn uniformly from the step's seed on both sides. */
    @Test
    void aConditionalGanTrainsAlikeWithFakeLabelsDrawnFromTheSameSeeds() throws Exception {
        compare(new SmallConditionalGan(), "", false);
    }

    /** WGAN-GP, two critic steps, a fresh generator batch: the penalty's interpolation weights come from the seeds too. */
    @Test
    void wganGpWithTwoCriticStepsAndAFreshGeneratorBatchTrainsAlike() throws Exception {
        compare(new SmallGan(), "loss: {kind: wgan-gp, n_critic: 2, generator_batch: fresh}\n", false);
    }

    /**
     * @param latentsFromFile feed the trainer the latents GanStep drew (replayed from the step seeds) from a file;
     *     else it draws them itself from the same seeds
     */
    private void compare(GanModel gan, String yaml, boolean latentsFromFile) throws Exception {
        ExperimentConfig config = Jobs.config("batch_size: 8\nseed: 5\nkernels: trusted\ncpu_threads: 1\n"
                + "optimizer: {generator: {lr: 1.0e-3}, discriminator: {lr: 5.0e-4}}\n" + yaml);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<TrainableNetwork> networks = Jobs.networks(gan, config, manager, BATCH);
            Map<String, NDArray> initial = Jobs.snapshot(networks);
            java.util.Random random = new java.util.Random(3);
            Map<String, NDArray> batchFile = new LinkedHashMap<>();
            List<NDArray> batches = new ArrayList<>();
            List<NDArray> labels = new ArrayList<>();
            for (int s = 0; s < STEPS; s++) {
                float[] pixels = new float[(int) gan.imageShape(BATCH).size()];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (float) Math.tanh(random.nextGaussian());
                }
                NDArray images = manager.create(pixels, gan.imageShape(BATCH));
                batches.add(images);
                batchFile.put("images." + s, images);
                int[] classes = new int[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    classes[i] = gan.classes() > 0 ? random.nextInt(gan.classes()) : 0;
                }
                labels.add(manager.create(classes));
                if (gan.classes() > 0) {
                    batchFile.put(
                            "labels." + s, manager.create(classes).toType(ai.djl.ndarray.types.DataType.INT64, false));
                }
            }
            Map<String, NDArray> latents = new LinkedHashMap<>();
            List<float[]> java = Jobs.javaSteps(gan, networks, config, batches, labels, latents, manager);
            Map<String, NDArray> javaFinal = Jobs.snapshot(networks);

            Path job = dir.resolve("job");
            PyTorchExport.writeJob(
                    job,
                    config,
                    Jobs.keys(),
                    gan.getClass().getName().replace('.', '/') + ".py",
                    getClass().getClassLoader(),
                    initial,
                    null,
                    manager);
            StateFile.write(dir.resolve("batches.safetensors"), batchFile);
            StateFile.write(dir.resolve("latents.safetensors"), latents);
            List<String> arguments = new ArrayList<>(List.of(
                    ".",
                    "--steps",
                    Integer.toString(STEPS),
                    "--batches",
                    dir.resolve("batches.safetensors").toString()));
            if (latentsFromFile) {
                arguments.addAll(
                        List.of("--latents", dir.resolve("latents.safetensors").toString()));
            }
            Python.Result run = Python.run(job, Jobs.torchrun(1, arguments.toArray(String[]::new)));
            assertEquals(0, run.exitCode(), run.output());
            List<double[]> torch = Jobs.metrics(job.resolve("metrics.csv"));
            assertEquals(STEPS, torch.size(), run.output());
            String[] names = {"loss_d", "loss_g", "d_real", "d_fake"};
            double worst = 0;
            StringBuilder table = new StringBuilder("step  " + String.join("  ", names) + "  (Java / PyTorch)\n");
            for (int s = 0; s < STEPS; s++) {
                table.append(s + 1);
                for (int m = 0; m < 4; m++) {
                    double a = java.get(s)[m];
                    double b = torch.get(s)[m];
                    double relative = Math.abs(a - b) / Math.max(Math.abs(a), 1e-12);
                    worst = Math.max(worst, relative);
                    table.append(String.format(Locale.ROOT, "  %.6f/%.6f", a, b));
                }
                table.append('\n');
            }
            Path checkpoint = job.resolve(String.format(Locale.ROOT, "checkpoints/step-%09d.safetensors", STEPS));
            assertTrue(Files.exists(checkpoint), run.output());
            Map<String, NDArray> torchFinal = StateFile.read(checkpoint, manager);
            double weights = Math.max(
                    Jobs.weightDifference(javaFinal, torchFinal, "generator."),
                    Jobs.weightDifference(javaFinal, torchFinal, "discriminator."));
            System.out.printf(
                    Locale.ROOT,
                    "%s %s%n%s%nworst relative loss difference over %d steps: %.3g; final weights: %.3g%n",
                    gan.name(),
                    yaml.strip(),
                    table,
                    STEPS,
                    worst,
                    weights);
            assertTrue(worst <= 1e-4, "losses differ by " + worst + " relative:\n" + table);
            if (latentsFromFile) {
                // Without --latents the trainer draws its noise from the same seeds: the same draws as DJL's engine.
                String same = Python.script(
                        dir, SAME_NOISE, dir.resolve("latents.safetensors").toString());
                System.out.println(same);
                assertTrue(same.contains("identical noise: 20 of 20 steps"), same);
            }
            assertTrue(java.get(STEPS - 1)[1] != java.get(0)[1], "training moved the losses");
        }
    }
}
