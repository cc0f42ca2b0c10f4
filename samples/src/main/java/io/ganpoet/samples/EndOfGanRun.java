package io.ganpoet.samples;

import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.GanTrainer;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.gan.GanPictures;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.run.FileErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ganpoet train} reports when every epoch is trained, as a listener on the loop: the
 * speed and peak memory, then for Fashion models the Frechet distance ({@code fd.txt}) and, for a
 * conditional one, the class agreement ({@code agreement.txt}), with the seed and real images
 * {@code ganpoet fd RUN} uses by default, so it gives the same figures again.
 */
final class EndOfGanRun implements RunListener {

    private final GanTrainer trainer;
    private final GanModel gan;
    private final ExperimentConfig cfg;
    private final Path dir;
    private final PrintStream out;
    private final long resumedStep;
    private final long start = System.nanoTime();
    private long reached;

    EndOfGanRun(GanTrainer trainer, GanModel gan, ExperimentConfig cfg, Path dir, long resumedStep, PrintStream out) {
        this.trainer = trainer;
        this.gan = gan;
        this.cfg = cfg;
        this.dir = dir;
        this.out = out;
        this.reached = resumedStep;
        this.resumedStep = resumedStep;
    }

    @Override
    public void onStep(StepEvent event) {
        reached = event.step();
    }

    @Override
    public void onEnd(boolean completed) throws IOException {
        if (!completed) {
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long trained = (reached - resumedStep) * trainer.info().batchSize();
        out.printf(
                Locale.ROOT,
                "speed: %.0f images/s over %.0f s; peak memory: %s%n",
                trained / seconds,
                seconds,
                RunStats.peakMemory());
        // With an average of G's weights the step's pictures draw from it; the trained weights are measured too.
        boolean averaged = trainer.average().isPresent();
        GanPictures raw = new GanPictures(gan, trainer.step().networks().get(0), 1, 0, List.of());
        if (GanRuns.isFashion(gan) && cfg.integer("eval.fd_samples") > 0) {
            ImageSet real = GanRuns.realForFrechet(cfg);
            FashionFrechet.Result fd = FashionFrechet.evaluate(
                    trainer.manager(),
                    trainer.step().pictures()::sample,
                    gan.latentShape(),
                    real,
                    cfg.integer("eval.fd_samples"),
                    cfg.integer("seed"));
            if (fd != null && averaged) { // the raw weights' figure beside the average's, same latents and images
                write(
                        "fd.txt",
                        fd.describe(trainer.info().epochs(), "averaged weights")
                                + System.lineSeparator()
                                + FashionFrechet.evaluate(
                                                trainer.manager(),
                                                raw::sample,
                                                gan.latentShape(),
                                                real,
                                                cfg.integer("eval.fd_samples"),
                                                cfg.integer("seed"))
                                        .describe(trainer.info().epochs(), "raw weights"));
            } else if (fd != null) {
                write("fd.txt", fd.describe(trainer.info().epochs()));
            }
        }
        if (GanRuns.isFashion(gan) && gan.classes() > 0 && cfg.integer("eval.agreement_samples") > 0) {
            ClassAgreement.Result agreement = ClassAgreement.measure(
                    trainer.manager(),
                    trainer.step().pictures()::sample,
                    gan.latentShape(),
                    gan.classes(),
                    cfg.integer("eval.agreement_samples"),
                    cfg.integer("seed"));
            if (agreement != null) {
                List<String> names = trainer.step().pictures().rowNames();
                write(
                        "agreement.txt",
                        agreement.format(names)
                                + (averaged
                                        ? System.lineSeparator() + "raw weights: "
                                                + ClassAgreement.measure(
                                                                trainer.manager(),
                                                                raw::sample,
                                                                gan.latentShape(),
                                                                gan.classes(),
                                                                cfg.integer("eval.agreement_samples"),
                                                                cfg.integer("seed"))
                                                        .summary(names)
                                        : ""));
            }
        }
    }

    /** Prints a figure and keeps it in the run directory. */
    private void write(String name, String text) throws IOException {
        out.println(text);
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        }
    }
}
