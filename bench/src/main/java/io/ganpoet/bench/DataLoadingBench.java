package io.ganpoet.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.ganpoet.train.data.ImageFolderDataset;
import io.ganpoet.train.data.ImageFolderReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Image-folder loading: decode throughput and the JVM's peak resident memory while every batch of a folder is
 * read, to show that memory does not grow with the folder (files are listed, not held).
 *
 * <pre>
 * DataLoadingBench generate DIR COUNT [SIDE]      COUNT random SIDE×SIDE RGB PNGs (default 32) in DIR/class0..9
 * DataLoadingBench read DIR [BATCH] [SIZE]        one pass over every full batch, shuffled; prints one RESULT line
 * DataLoadingBench measure [BATCH] [SIZE] DIR...  "read" in a fresh JVM per folder (peak RSS is per process)
 * </pre>
 *
 * Peak RSS is {@code VmHWM} from {@code /proc/self/status} (Linux), read after the engine is up and the folder
 * listed (before the pass) and again at the end.
 */
public final class DataLoadingBench {

    private DataLoadingBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DataLoadingBench generate DIR COUNT [SIDE] | read DIR [BATCH] [SIZE]"
                    + " | measure [BATCH] [SIZE] DIR...");
            System.exit(2);
        }
        switch (args[0]) {
            case "generate" ->
                generate(Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 32);
            case "read" ->
                read(
                        Path.of(args[1]),
                        args.length > 2 ? Integer.parseInt(args[2]) : 64,
                        args.length > 3 ? Integer.parseInt(args[3]) : 32);
            case "measure" -> measure(args);
            default -> {
                System.err.println("DataLoadingBench: unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    /** Random content: PNG cannot compress it, so every file costs a full decode. Seeded per image. */
    static void generate(Path dir, int count, int side) {
        long start = System.nanoTime();
        IntStream.range(0, count).parallel().forEach(i -> {
            SplittableRandom random = new SplittableRandom(i);
            BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    image.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            Path file = dir.resolve("class" + (i % 10)).resolve(String.format(Locale.ROOT, "img%07d.png", i));
            try {
                Files.createDirectories(file.getParent());
                ImageIO.write(image, "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        System.out.printf(
                Locale.ROOT,
                "generated %d %dx%d PNGs in %s in %.1f s%n",
                count,
                side,
                side,
                dir,
                (System.nanoTime() - start) / 1e9);
    }

    static void read(Path dir, int batchSize, int size) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            long listStart = System.nanoTime();
            ImageFolderDataset data = ImageFolderReader.read(dir, size, 3, 0);
            double listSeconds = (System.nanoTime() - listStart) / 1e9;
            manager.zeros(new ai.djl.ndarray.types.Shape(1)).close(); // the engine is loaded before the baseline
            long hwmBefore = status("VmHWM");

            int steps = data.count() / batchSize;
            int[] order = permutation(data.count(), new Random(1));
            long start = System.nanoTime();
            double checksum = 0;
            for (int step = 0; step < steps; step++) {
                int[] indices = new int[batchSize];
                System.arraycopy(order, step * batchSize, indices, 0, batchSize);
                try (Batch batch = data.batch(manager, indices, step, steps)) {
                    // One element read back, so no part of the batch can be skipped as unused.
                    checksum += batch.getData().head().getFloat(0, 0, 0, 0);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long images = (long) steps * batchSize;
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    Locale.ROOT,
                    "RESULT images=%d batch=%d size=%d decode_threads=%d cpus=%d list_s=%.1f decode_s=%.1f"
                            + " images_per_s=%.0f rss_hwm_before_mb=%d rss_hwm_end_mb=%d heap_committed_mb=%d"
                            + " max_heap_mb=%d checksum=%.3f dir=%s%n",
                    images,
                    batchSize,
                    size,
                    ImageFolderDataset.decodeThreads(),
                    rt.availableProcessors(),
                    listSeconds,
                    seconds,
                    images / seconds,
                    hwmBefore / 1024,
                    status("VmHWM") / 1024,
                    rt.totalMemory() >> 20,
                    rt.maxMemory() >> 20,
                    checksum,
                    dir);
        }
    }

    /** Each folder in its own JVM with this JVM's options, so that each peak is that folder's alone. */
    static void measure(String[] args) throws IOException, InterruptedException {
        int batch = 64;
        int size = 32;
        List<String> dirs = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].matches("\\d+") && dirs.isEmpty()) {
                numbers.add(Integer.parseInt(args[i]));
            } else {
                dirs.add(args[i]);
            }
        }
        if (!numbers.isEmpty()) {
            batch = numbers.get(0);
        }
        if (numbers.size() > 1) {
            size = numbers.get(1);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String dir : dirs) {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    DataLoadingBench.class.getName(),
                    "read",
                    dir,
                    Integer.toString(batch),
                    Integer.toString(size)));
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (code != 0) {
                System.err.println("DataLoadingBench: read " + dir + " exited " + code);
                System.exit(code);
            }
        }
    }

    static int[] permutation(int n, Random random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** A {@code /proc/self/status} field in kB, or -1 where there is none (not Linux). */
    static long status(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
