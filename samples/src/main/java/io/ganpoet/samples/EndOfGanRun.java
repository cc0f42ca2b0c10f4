package io.ganpoet.samples;

import io.ganpoet.runtime.GanModel;
import io.ganpoet.train.GanTrainer;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.run.FileErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        if (GanRuns.isFashion(gan) && cfg.integer("eval.fd_samples") > 0) {
            ImageSet real = GanRuns.realForFrechet(cfg);
            FashionFrechet.Result fd = FashionFrechet.evaluate(
                    trainer.manager(),
                    trainer.step().pictures()::sample,
                    gan.latentShape(),
                    real,
                    cfg.integer("eval.fd_samples"),
                    cfg.integer("seed"));
            if (fd != null) {
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
                write(
                        "agreement.txt",
                        agreement.format(trainer.step().pictures().rowNames()));
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
