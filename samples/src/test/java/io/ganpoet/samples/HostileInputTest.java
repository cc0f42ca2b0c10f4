package io.ganpoet.samples;

import static io.ganpoet.samples.AppFailuresTest.oneSentence;
import static io.ganpoet.samples.AppTest.run;
import static io.ganpoet.samples.AppTest.tiny;
import static io.ganpoet.samples.AppTest.tinyDenoise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganpoet.samples.AppTest.Result;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, the command-line rows: what a hostile new user did, and the one sentence (or honest line) they now get
 * where ganpoet used to go on silently, or answer with a page of usage or a library's words.
 */
class HostileInputTest {

    @TempDir
    static Path shared;

    /** A GAN run and a denoising-autoencoder run, each with a checkpoint, for the wrong-kind rows. */
    static Path ganRun;

    static Path autoencoderRun;

    @BeforeAll
    static void trainOneRunOfEachKind() {
        ganRun = shared.resolve("gan");
        Result gan = run(tiny(
                "train",
                "--epochs",
                "1",
                "--run",
                ganRun.toString(),
                "--set",
                "steps_per_epoch=1",
                "--set",
                "eval.fd_samples=0"));
        assertEquals(0, gan.code(), gan.err() + gan.out());
        autoencoderRun = shared.resolve("dae");
        Result dae = run(tinyDenoise(
                "denoise",
                "--epochs",
                "1",
                "--run",
                autoencoderRun.toString(),
                "--set",
                "steps_per_epoch=1",
                "--eval-images",
                "4"));
        assertEquals(0, dae.code(), dae.err() + dae.out());
    }

    /** Refused before any work: the run directory asked for is not created. */
    static void refusedAndNothingWritten(Result r, Path run, String expected) {
        oneSentence(r, 2, expected);
        assertFalse(Files.exists(run), run + " was created by a refused command");
    }

    @Test
    void dataKindFolderWithoutAPathIsRefusedInsteadOfTrainingOnTheCurrentDirectory(@TempDir Path dir) {
        Path run = dir.resolve("r");
        String expected = "ganpoet train: data.kind is 'folder' but data.path is empty, so no image folder is named;"
                + " give the images with --data DIR (or --set data.path=DIR)";
        refusedAndNothingWritten(
                run(tiny(
                        "train",
                        "--model",
                        "dcgan",
                        "--set",
                        "data.kind=folder",
                        "--epochs",
                        "1",
                        "--run",
                        run.toString())),
                run,
                expected);
        // dcgan's shipped config reads a folder: without --data it is the same refusal, not the current directory
        refusedAndNothingWritten(run(tiny("train", "--model", "dcgan", "--run", run.toString())), run, expected);
        refusedAndNothingWritten(
                run(tiny("train", "--set", "data.kind=idx", "--run", run.toString())),
                run,
                "ganpoet train: data.kind is 'idx' but data.path is empty, so no IDX directory is named");
    }

    @Test
    void dataPathWithoutAKindIsRefusedSoConfigYamlNeverRecordsAnUnreadPath(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("r");
        String expected =
                "ganpoet train: data.path is '/nonexistent' but data.kind is 'embedded' (the shipped Fashion-MNIST"
                        + " slice), which would ignore it; give the images with --data DIR, or --set data.kind=idx or"
                        + " data.kind=folder as well";
        refusedAndNothingWritten(
                run(tiny("train", "--set", "data.path=/nonexistent", "--run", run.toString())), run, expected);
        Path yaml = Files.writeString(dir.resolve("exp.yaml"), "data:\n  path: /nonexistent\n");
        refusedAndNothingWritten(
                run(tiny("train", "--config", yaml.toString(), "--run", run.toString())), run, expected);
        refusedAndNothingWritten(
                run(tinyDenoise("denoise", "--set", "data.path=/nonexistent", "--run", run.toString())),
                run,
                "ganpoet denoise: data.path is '/nonexistent' but data.kind is 'embedded'");
    }

    @Test
    void aSettingTheCommandWouldIgnoreIsRefusedNamingTheKey(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("r");
        refusedAndNothingWritten(
                run(tiny("train", "--set", "vae.beta=4", "--run", run.toString())),
                run,
                "ganpoet train: vae.beta 4.0 is set, but ganpoet train (a GAN) never reads it; leave it out of the config and"
                        + " --set, so the run records only what it used");
        refusedAndNothingWritten(
                run(tinyDenoise(
                        "denoise",
                        "--set",
                        "loss.kind=hinge",
                        "--set",
                        "optimizer.generator.lr=1e-4",
                        "--run",
                        run.toString())),
                run,
                "ganpoet denoise: loss.kind 'hinge', optimizer.generator.lr 1.0E-4 are set, but"
                        + " ganpoet denoise (an autoencoder) never reads them");
        refusedAndNothingWritten(
                run(tiny("denoise", "--run", run.toString())),
                run,
                "ganpoet denoise: eval.fd_samples 50 is set, but ganpoet denoise (an autoencoder) never reads it");
        Path yaml = Files.writeString(dir.resolve("exp.yaml"), "model: fashion-vae\nloss:\n  n_critic: 5\n");
        refusedAndNothingWritten(
                run("vae", "--config", yaml.toString(), "--run", run.toString()),
                run,
                "ganpoet vae: loss.n_critic 5 is set, but ganpoet vae (a variational autoencoder) never reads it");
    }

    @Test
    void denoiseEvalImagesBelowOneIsRefusedBeforeTraining(@TempDir Path dir) {
        Path run = dir.resolve("r");
        refusedAndNothingWritten(
                run(tinyDenoise("denoise", "--eval-images", "-1", "--run", run.toString())),
                run,
                "ganpoet denoise: --eval-images -1: give at least 1 held-out image for the figures at the end (default 1000)");
        refusedAndNothingWritten(
                run(tiny("vae", "--eval-images", "0", "--run", run.toString())),
                run,
                "ganpoet vae: --eval-images 0: give at least 1 held-out image");
    }

    @Test
    void demoBatchZeroAndNegativeAreRefused() {
        oneSentence(run("demo", "--batch", "0"), 2, "ganpoet demo: --batch 0: give a batch size from 1 to 65536");
        oneSentence(run("demo", "--batch", "-3"), 2, "ganpoet demo: --batch -3: give a batch size from 1 to 65536");
        assertEquals("", run("demo", "--batch", "0").out(), "nothing was run, so nothing is called OK");
    }

    /**
     * SIGTERM (what {@code kill}, systemd and container runtimes send) stops like Ctrl-C, and exits with 143 = 128 +
     * 15, as shells and supervisors read it; README says which signal gives which status.
     */
    @Test
    void sigtermCheckpointsSaysHowToResumeAndExits143(@TempDir Path dir) throws Exception {
        AppFailuresTest.stopsCleanlyOnSignal(dir.resolve("run"), "TERM", 143);
    }

    @Test
    void picocliErrorsAreOneSentencePointingToHelp() {
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("train", "--bogus"), "ganpoet train: unknown option: '--bogus'; see `ganpoet train --help`");
        cases.put(
                List.of("train", "--epochs"),
                "ganpoet train: missing required parameter for option '--epochs' (<epochs>); see `ganpoet train --help`");
        cases.put(
                List.of("train", "--epochs", "x"),
                "ganpoet train: invalid value for option '--epochs': 'x' is not an int; see `ganpoet train --help`");
        cases.put(
                List.of("denoise", "--eval-images", "many"),
                "ganpoet denoise: invalid value for option '--eval-images': 'many' is not an int; see `ganpoet denoise --help`");
        cases.put(
                List.of("sample", "a", "b", "c"),
                "ganpoet sample: too many arguments: 'b', 'c'; see `ganpoet sample --help`");
        cases.put(
                List.of("sample"),
                "ganpoet sample: missing required parameter: 'RUN_DIR'; see `ganpoet sample --help`");
        cases.put(
                List.of("trian"),
                "ganpoet: unknown command 'trian'; the commands are train, sample, summary, fd, classifier,"
                        + " demo, denoise, vae, export-pytorch, import-pytorch (did you mean train?); see `ganpoet --help`");
        cases.put(
                List.of("demo", "--batch", "1", "--batch", "2"),
                "ganpoet demo: option '--batch' (<batch>) should be specified only once; see `ganpoet demo --help`");
        cases.forEach((args, expected) -> {
            Result r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), args + ": " + r.err());
            assertEquals(expected, r.err().strip(), args.toString());
            assertEquals("", r.out(), args.toString());
        });
    }

    @Test
    void binaryConfigIsNamedInOneSentence(@TempDir Path dir) throws IOException {
        Path binary =
                Files.write(dir.resolve("weights.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, 0, 1});
        Path run = dir.resolve("r");
        refusedAndNothingWritten(
                run("train", "--config", binary.toString(), "--run", run.toString()),
                run,
                "ganpoet train: " + binary
                        + ": not a text file (its bytes are not UTF-8 text); give an experiment YAML file");
        // valid UTF-8 holding control characters is no YAML either: one line, the file named
        Path controls =
                Files.write(dir.resolve("zeros.yaml"), new byte[] {'e', 'p', 'o', 'c', 'h', 's', ':', ' ', 0, 0, 1});
        refusedAndNothingWritten(
                run("train", "--config", controls.toString(), "--run", run.toString()),
                run,
                "ganpoet train: " + controls + ": not valid YAML");
    }

    @Test
    void duplicateKeyConfigIsNamedInOneSentence(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("exp.yaml"), "epochs: 2\nloss:\n  kind: hinge\n  kind: bce\n");
        Path run = dir.resolve("r");
        refusedAndNothingWritten(
                run("train", "--config", yaml.toString(), "--run", run.toString()),
                run,
                "ganpoet train: " + yaml + ": key 'kind' is written twice in the same map (again at line 4, column 3);"
                        + " keep one of them");
    }

    @Test
    void aRunOfAnotherKindIsNamedAsSuchNotAsAnUnknownModel() throws IOException {
        Map<String, String> ganBefore = AppFailuresTest.snapshot(ganRun);
        Map<String, String> aeBefore = AppFailuresTest.snapshot(autoencoderRun);
        oneSentence(
                run("train", "--run", autoencoderRun.toString()),
                2,
                "ganpoet train: " + autoencoderRun
                        + " is an autoencoder run (model lecture), not a GAN run; continue it with: ganpoet denoise --run "
                        + autoencoderRun);
        oneSentence(
                run("train", "--run", autoencoderRun.toString(), "--epochs", "3"),
                2,
                "is an autoencoder run (model lecture)");
        oneSentence(
                run("denoise", "--run", ganRun.toString()),
                2,
                "ganpoet denoise: " + ganRun
                        + " is a GAN run (model fashion), not an autoencoder run; continue it with: ganpoet train --run "
                        + ganRun);
        oneSentence(
                run("vae", "--run", autoencoderRun.toString()),
                2,
                "ganpoet vae: " + autoencoderRun
                        + " is an autoencoder run (model lecture), not a variational autoencoder run; continue it with: ganpoet denoise"
                        + " --run " + autoencoderRun);
        oneSentence(
                run("vae", "--run", ganRun.toString()),
                2,
                "is a GAN run (model fashion), not a variational autoencoder run");
        // and a model name alone
        oneSentence(
                run("train", "--model", "lecture"),
                2,
                "ganpoet train: model lecture is an autoencoder, not a GAN; train it with: ganpoet denoise --model lecture");
        oneSentence(
                run("denoise", "--model", "fashion"),
                2,
                "ganpoet denoise: model fashion is a GAN, not an autoencoder; train it with: ganpoet train --model fashion");
        assertEquals(ganBefore, AppFailuresTest.snapshot(ganRun));
        assertEquals(aeBefore, AppFailuresTest.snapshot(autoencoderRun));
    }

    @Test
    void emptyRunNameIsRefusedNotTakenAsTheCurrentDirectory() {
        oneSentence(
                run("train", "--run", ""),
                2,
                "ganpoet train: --run \"\": the name is empty; give a new directory, or an existing run directory to resume it");
        oneSentence(
                run("denoise", "--data", ""),
                2,
                "ganpoet denoise: --data \"\": the name is empty; give an IDX directory (MNIST layout) or a folder of images");
        oneSentence(
                run("vae", "--config", " "),
                2,
                "ganpoet vae: --config \" \": the name is empty; give an experiment YAML file");
    }

    @Test
    void folderOfTextFilesNamedPngSaysTheFilesAreNotImages(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("texts"));
        for (String name : new String[] {"a.png", "b.png", "c.png"}) {
            Files.writeString(folder.resolve(name), "not a picture\n");
        }
        Path run = dir.resolve("r");
        refusedAndNothingWritten(
                run(tiny(
                        "train",
                        "--model",
                        "dcgan",
                        "--data",
                        folder.toString(),
                        "--set",
                        "batch_size=4",
                        "--run",
                        run.toString())),
                run,
                "ganpoet train: " + folder.resolve("a.png") + ": unreadable image: its contents"
                        + " are in no image format a decoder recognises (PNG, JPEG, GIF or BMP); 3 of the first 3 files in "
                        + folder + " are not images");
    }

    @Test
    void skippedFolderEntriesAreCountedAndNamedInTheDataLine(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("faces"));
        for (String name : new String[] {"1.png", "2.png", "3.png"}) {
            ImageIO.write(
                    new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB),
                    "png",
                    folder.resolve(name).toFile());
        }
        Files.createSymbolicLink(folder.resolve("loop.png"), folder.resolve("loop.png"));
        Files.createSymbolicLink(folder.resolve("gone.png"), dir.resolve("nothing-here.png"));
        Files.createDirectories(folder.resolve("dir.png"));
        Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("pipe.png").toString()).start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo (coreutils) failed");
        Files.writeString(folder.resolve("notes.txt"), "where the pictures came from", StandardCharsets.UTF_8);
        Path run = dir.resolve("r");
        // Three images are fewer than a batch of 16, so the run is refused right after the data line: no training.
        Result r = run(tiny("train", "--model", "dcgan", "--data", folder.toString(), "--run", run.toString()));
        assertEquals(2, r.code(), r.err());
        assertEquals(
                "data: 3 images from " + folder.toAbsolutePath() + "; skipped 5 entries that are not images:"
                        + " dir.png (a directory), gone.png (a dangling link), loop.png (a symbolic-link loop), notes.txt (not named"
                        + " like an image), pipe.png (a pipe, socket or device, not a file)",
                r.out().lines().findFirst().orElse(""));
        assertTrue(r.err().contains("3 images, fewer than one batch of 16"), r.err());
    }
}
