package io.ganpoet.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.run.Latents;
import io.ganpoet.samples.specs.FashionGan;
import io.ganpoet.samples.specs.FashionGeneratorBlock;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every subcommand of the app, on tiny data: seconds each. */
class AppTest {

    record Result(int code, String out, String err) {}

    /** Runs the app in-process, capturing standard output and error as a user would see them. */
    static Result run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine line = GanpoetApp.newCommandLine();
            int code = line.execute(args);
            line.getOut().flush();
            line.getErr().flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    static final String[] TINY = {
        "--set",
        "batch_size=16",
        "--set",
        "steps_per_epoch=3",
        "--set",
        "sample.grid=16",
        "--set",
        "eval.fd_samples=50",
        "--set",
        "cpu_threads=1"
    };

    /** {@link #tiny} for {@code denoise}, which computes no Frechet distance and so refuses eval.fd_samples. */
    static String[] tinyDenoise(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(tiny(args)));
        int at = all.indexOf("eval.fd_samples=50");
        all.remove(at);
        all.remove(at - 1);
        return all.toArray(String[]::new);
    }

    static String[] tiny(String... args) {
        String[] all = new String[args.length + TINY.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(TINY, 0, all, args.length, TINY.length);
        return all;
    }

    @Test
    void trainSampleAndFdOnTheShippedFashionSlice(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("fashion");
        Result train = run(tiny("train", "--epochs", "2", "--run", run.toString()));
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(train.out().contains("run directory: " + run.toAbsolutePath()), train.out());
        assertTrue(train.out().contains("images/s"), train.out());
        assertTrue(train.out().contains("peak memory: resident"), train.out());
        for (String file : new String[] {
            "metrics.csv",
            "samples/epoch-002.png",
            "samples.gif",
            "plots/losses.png",
            "plots/discriminator.png",
            "checkpoints/step-000000006/manifest.sha256",
            "config.yaml",
            "summary.txt"
        }) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        generatorLoadsThroughDjlModelAlone(run);
        if (FashionClassifier.class.getResource(FashionClassifier.RESOURCE) != null) {
            assertTrue(
                    train.out()
                            .contains(
                                    " (FashionClassifier features; epoch 2; 50 generated images from the latents of seed 42"),
                    train.out());
            assertTrue(Files.isRegularFile(run.resolve("fd.txt")));
            // By default fd measures what the run's own FD measured (seed, counts, real images): the same figure.
            Result fd = run("fd", run.toString());
            assertEquals(0, fd.code(), fd.err());
            assertEquals(
                    Files.readString(run.resolve("fd.txt")).strip(), fd.out().strip());
            assertTrue(
                    fd.out()
                            .contains(
                                    "; epoch 2; 50 generated images from the latents of seed 42 vs the first 50 real"
                                            + " images of embedded t10k-images-idx3-ubyte.gz; averaged weights)\nFrechet distance "),
                    fd.out());
            // the averaged generator first, then the trained weights, which --raw measures alone
            assertTrue(fd.out().strip().endsWith("t10k-images-idx3-ubyte.gz; raw weights)"), fd.out());
            Result raw = run("fd", run.toString(), "--raw");
            assertEquals(0, raw.code(), raw.err());
            assertEquals(
                    fd.out().strip().lines().skip(1).findFirst().orElseThrow(),
                    raw.out().strip());
            Result more = run("fd", run.toString(), "--samples", "1200", "--seed", "3");
            assertEquals(0, more.code(), more.err());
            assertTrue(
                    more.out()
                            .contains(
                                    "1200 generated images from the latents of seed 3 vs the first 1000 real images of"
                                            + " embedded t10k-images-idx3-ubyte.gz; 1200 asked, but it holds only 1000; averaged weights)"),
                    more.out());
        }

        Result grid = run("sample", run.toString(), "--count", "9");
        assertEquals(0, grid.code(), grid.err());
        BufferedImage png = ImageIO.read(run.resolve("sample.png").toFile());
        assertEquals(2 + 3 * (2 + 28 * 3), png.getWidth()); // 3 columns of 28 px at scale 3, 2 px gaps

        Result strip = run(
                "sample",
                run.toString(),
                "--interpolate",
                "5",
                "--rows",
                "2",
                "--scale",
                "1",
                "--out",
                dir.resolve("strip.png").toString());
        assertEquals(0, strip.code(), strip.err());
        BufferedImage strips = ImageIO.read(dir.resolve("strip.png").toFile());
        assertEquals(2 + 5 * 30, strips.getWidth());
        assertEquals(2 + 2 * 30, strips.getHeight());

        Result noClasses = run("sample", run.toString(), "--class", "sneaker");
        assertEquals(2, noClasses.code());
        assertTrue(noClasses.err().contains("Fashion is unconditional"), noClasses.err());

        // Resuming a finished run trains nothing more and keeps the metrics.
        long rows = Files.readAllLines(run.resolve("metrics.csv")).size();
        Result resumed = run("train", "--run", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("nothing to train, nothing changed"), resumed.out());
        assertEquals(rows, Files.readAllLines(run.resolve("metrics.csv")).size());
    }

    /**
     * The conditional Fashion model end to end on the shipped slice: a grid with one named row per
     * class, FD and class agreement at the end, {@code sample --class} by name and index, and
     * interpolation within a class.
     */
    @Test
    void conditionalFashionTrainsAndSamplesByClass(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("conditional");
        Result train = run(tiny(
                "train",
                "--model",
                "fashion-conditional",
                "--epochs",
                "1",
                "--run",
                run.toString(),
                "--set",
                "sample.grid=20",
                "--set",
                "eval.agreement_samples=5"));
        assertEquals(0, train.code(), train.err() + train.out());
        // 20 images over 10 classes: 10 rows of 2 at scale 2, names in a margin on the left.
        BufferedImage grid = ImageIO.read(run.resolve("samples/epoch-001.png").toFile());
        assertEquals(2 + 10 * (2 + 28 * 2), grid.getHeight());
        assertTrue(grid.getWidth() > 2 + 2 * (2 + 28 * 2) + 40, "no margin for the class names: " + grid.getWidth());
        if (FashionClassifier.class.getResource(FashionClassifier.RESOURCE) != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "Class agreement \\(FashionClassifier on 5 images per class\\): (\\d+\\.\\d) %")
                    .matcher(train.out());
            assertTrue(m.find(), train.out());
            assertTrue(train.out().contains("  Sneaker "), train.out());
            assertTrue(Files.readString(run.resolve("agreement.txt")).startsWith("Class agreement"));
            assertTrue(
                    train.out().contains("Frechet distance ") && train.out().contains("FashionClassifier features"),
                    train.out());
            // fd with no options reproduces the run's own figures, agreement included (it used to end in a
            // NullPointerException)
            Result fd = run("fd", run.toString());
            assertEquals(0, fd.code(), fd.err());
            assertEquals(
                    Files.readString(run.resolve("fd.txt")).strip() + "\n"
                            + Files.readString(run.resolve("agreement.txt")).strip(),
                    fd.out().strip().replace(System.lineSeparator(), "\n"));
        }

        Result rows = run("sample", run.toString(), "--count", "30", "--scale", "1");
        assertEquals(0, rows.code(), rows.err());
        assertEquals(
                2 + 10 * 30, ImageIO.read(run.resolve("sample.png").toFile()).getHeight());
        assertTrue(rows.out().strip().endsWith("(averaged weights)"), rows.out());
        // --raw reaches the trained weights, which draw other pictures than their average
        Result raw = run(
                "sample",
                run.toString(),
                "--count",
                "30",
                "--scale",
                "1",
                "--raw",
                "--out",
                dir.resolve("raw.png").toString());
        assertEquals(0, raw.code(), raw.err());
        assertTrue(raw.out().strip().endsWith("(raw weights)"), raw.out());
        BufferedImage averagedGrid = ImageIO.read(run.resolve("sample.png").toFile());
        BufferedImage rawGrid = ImageIO.read(dir.resolve("raw.png").toFile());
        int w = averagedGrid.getWidth();
        int h = averagedGrid.getHeight();
        assertFalse(
                java.util.Arrays.equals(
                        averagedGrid.getRGB(0, 0, w, h, null, 0, w), rawGrid.getRGB(0, 0, w, h, null, 0, w)),
                "--raw drew the averaged weights' picture");

        Result sneakers = run(
                "sample",
                run.toString(),
                "--class",
                "sneaker",
                "--count",
                "4",
                "--scale",
                "1",
                "--out",
                dir.resolve("sneakers.png").toString());
        assertEquals(0, sneakers.code(), sneakers.err());
        assertTrue(sneakers.out().contains("4 image(s) of class Sneaker"), sneakers.out());
        BufferedImage four = ImageIO.read(dir.resolve("sneakers.png").toFile());
        assertEquals(2 + 2 * 30, four.getWidth());
        Result byIndex = run(
                "sample",
                run.toString(),
                "--class",
                "7",
                "--count",
                "4",
                "--scale",
                "1",
                "--out",
                dir.resolve("seven.png").toString());
        assertEquals(0, byIndex.code(), byIndex.err());
        BufferedImage seven = ImageIO.read(dir.resolve("seven.png").toFile());
        assertArrayEquals(
                four.getRGB(0, 0, 62, 62, null, 0, 62),
                seven.getRGB(0, 0, 62, 62, null, 0, 62),
                "--class sneaker and --class 7 are the same class");
        Result bag = run(
                "sample",
                run.toString(),
                "--class",
                "bag",
                "--count",
                "4",
                "--scale",
                "1",
                "--out",
                dir.resolve("bag.png").toString());
        assertEquals(0, bag.code(), bag.err());
        BufferedImage bags = ImageIO.read(dir.resolve("bag.png").toFile());
        assertTrue(
                !java.util.Arrays.equals(
                        four.getRGB(0, 0, 62, 62, null, 0, 62), bags.getRGB(0, 0, 62, 62, null, 0, 62)),
                "the same latents drew the same images for two classes");

        Result strip = run(
                "sample",
                run.toString(),
                "--class",
                "Trouser",
                "--interpolate",
                "4",
                "--rows",
                "2",
                "--scale",
                "1",
                "--out",
                dir.resolve("strip.png").toString());
        assertEquals(0, strip.code(), strip.err());
        BufferedImage strips = ImageIO.read(dir.resolve("strip.png").toFile());
        assertEquals(2 + 2 * 30, strips.getHeight());

        Result unknown = run("sample", run.toString(), "--class", "hat");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no class 'hat'; classes: T-shirt/top, Trouser"), unknown.err());
        Result tooBig = run("sample", run.toString(), "--class", "10");
        assertEquals(2, tooBig.code());
        assertTrue(tooBig.err().contains("class 10 is outside 0..9"), tooBig.err());
    }

    /**
     * A checkpoint's generator, averaged or not, is a plain DJL artifact: Model.load reads it into
     * the generated block, and it draws exactly what ganpoet's own loader draws.
     */
    static void generatorLoadsThroughDjlModelAlone(Path run) throws IOException {
        // The averaged weights (what ganpoet draws by default) and the trained ones (--raw) alike.
        generatorLoadsThroughDjlModelAlone(run, "generator-ema", false);
        generatorLoadsThroughDjlModelAlone(run, "generator", true);
    }

    static void generatorLoadsThroughDjlModelAlone(Path run, String network, boolean raw) throws IOException {
        Path checkpoint = run.resolve("checkpoints/step-000000006");
        try (Model model = Model.newInstance(network);
                TrainedGenerator ours = TrainedGenerator.load(run, raw);
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(new FashionGeneratorBlock());
            model.load(checkpoint, network);
            NDArray z = Latents.fixed(manager, new FashionGan().latentShape(), 4, 11);
            NDArray images = model.getBlock()
                    .forward(new ParameterStore(manager, false), new NDList(z), false)
                    .singletonOrThrow();
            assertEquals(new Shape(4, 1, 28, 28), images.getShape());
            assertArrayEquals(ours.generate(z).toFloatArray(), images.toFloatArray(), 0f);
        } catch (MalformedModelException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void facesGanTrainsOnAGeneratedImageFolder(@TempDir Path dir) throws IOException {
        Path images = Files.createDirectories(dir.resolve("faces"));
        Random random = new Random(3);
        for (int i = 0; i < 8; i++) {
            BufferedImage face = new BufferedImage(150, 170, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = face.createGraphics();
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(0, 0, 150, 170);
            g.setColor(new Color(230, 190, 160));
            g.fillOval(30 + random.nextInt(10), 30, 90, 110);
            g.dispose();
            ImageIO.write(
                    face,
                    i % 2 == 0 ? "png" : "jpg",
                    images.resolve("face" + i + (i % 2 == 0 ? ".png" : ".jpg")).toFile());
        }
        Path run = dir.resolve("run");
        Result train = run(
                "train",
                "--model",
                "faces",
                "--data",
                images.toString(),
                "--run",
                run.toString(),
                "--epochs",
                "1",
                "--set",
                "batch_size=4",
                "--set",
                "sample.grid=4",
                "--set",
                "cpu_threads=1");
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(train.out().contains("data: 8 images from " + images), train.out());
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size()); // header + 2 steps
        assertTrue(Files.isRegularFile(run.resolve("samples/epoch-001.png")));
    }

    @Test
    void classifierTrainsOnAnIdxDirectoryAndWritesItsParameters(@TempDir Path dir) throws IOException {
        // 512 training and 128 test images cut from the shipped slice, written back as IDX files.
        var train = FashionData.embedded("train").head(512);
        var test = FashionData.embedded("t10k").head(128);
        writeIdx(dir, "train", train);
        writeIdx(dir, "t10k", test);
        Path params = dir.resolve("classifier.params");
        Path runDir = dir.resolve("run");
        Result r = run(
                "classifier",
                "--data",
                dir.toString(),
                "--epochs",
                "3",
                "--out",
                params.toString(),
                "--run",
                runDir.toString(),
                "--baseline-samples",
                "32");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("training on 512 images, testing on 128"), r.out());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "test accuracy (0\\.\\d{4}); real-vs-real Frechet distance \\(32 train vs 32 test images\\)")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        // Ten classes: chance is 0.10; 12 Adam steps on the shared core reach well above it.
        assertTrue(Double.parseDouble(m.group(1)) > 0.5, r.out());
        assertTrue(Files.size(params) > 1_000_000, "parameters written");
        // The classifier ran on the same core as the GAN: same run directory files.
        assertEquals(
                "epoch,step,loss,accuracy,images_per_sec",
                Files.readAllLines(runDir.resolve("metrics.csv")).get(0));
        assertEquals(13, Files.readAllLines(runDir.resolve("metrics.csv")).size());
        assertTrue(Files.isRegularFile(runDir.resolve("plots/accuracy.png")));
        assertTrue(Files.isRegularFile(runDir.resolve("checkpoints/step-000000012/classifier-0003.params")));
    }

    private static void writeIdx(Path dir, String prefix, io.ganpoet.train.data.ImageSet data) throws IOException {
        try (var images = new java.io.DataOutputStream(
                        Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")));
                var labels = new java.io.DataOutputStream(
                        Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")));
                NDManager manager = NDManager.newBaseManager()) {
            images.writeInt(0x803);
            images.writeInt(data.count());
            images.writeInt(28);
            images.writeInt(28);
            labels.writeInt(0x801);
            labels.writeInt(data.count());
            for (int i = 0; i < data.count(); i++) {
                float[] pixels = data.batch(manager, new int[] {i}).toFloatArray();
                for (float p : pixels) {
                    images.writeByte(Math.round((p + 1f) * 127.5f));
                }
                labels.writeByte(data.label(i));
            }
        }
    }

    @Test
    void demoRunsTheTransposedConvolutionsAndChecksThem() {
        Result r = run("demo", "--batch", "2");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("output (2, 3, 64, 64)"), r.out());
    }

    @Test
    void summaryPrintsTheLayerTables() {
        Result r = run("summary", "--model", "dcgan");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Discriminator DcganDiscriminatorBlock"), r.out());
        assertTrue(r.out().contains("3,576,704"), r.out());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"train", "sample", "summary", "fd", "classifier", "demo"}) {
            Result r = run(command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().contains("Usage: ganpoet " + command), r.out());
        }
        assertTrue(run("train", "--help").out().contains("optimizer.generator.lr"), "train --help lists config keys");
    }

    @Test
    void badInputIsAMessageNamingTheKeyOrFile(@TempDir Path dir) throws IOException {
        Result key =
                run("train", "--set", "batch_sise=3", "--run", dir.resolve("x").toString());
        assertEquals(2, key.code());
        assertTrue(key.err().contains("command line: unknown key 'batch_sise'"), key.err());

        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "epochs: many\n");
        Result yaml = run("train", "--config", config.toString());
        assertEquals(2, yaml.code());
        assertTrue(yaml.err().contains(config + ": key 'epochs' must be an integer, got 'many'"), yaml.err());

        Result model = run("summary", "--model", "cats");
        assertEquals(2, model.code());
        assertTrue(model.err().contains("unknown model 'cats'; known: fashion, faces, dcgan"), model.err());

        Result noRun = run("sample", dir.toString());
        assertEquals(2, noRun.code());
        assertTrue(noRun.err().contains(dir + ": not a ganpoet run (no config.yaml, no checkpoints/"), noRun.err());
    }
}
