package io.ganpoet.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.SequenceSampler;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {

    static byte[] idxImages(int count, int rows, int cols, int magic) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            out.writeByte(i % 256);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsPlainAndGzippedIdxWithLabels(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idxImages(3, 4, 5, 0x803)));
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(labels);
        out.writeInt(0x801);
        out.writeInt(3);
        out.write(new byte[] {7, 1, 9});
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels.toByteArray());
        ImageSet data = IdxReader.readDirectory(dir, "train");
        assertEquals(3, data.count());
        assertEquals(new Shape(1, 4, 5), data.imageShape());
        assertEquals(9, data.label(2));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray batch = data.batch(m, new int[] {0});
            assertEquals(new Shape(1, 1, 4, 5), batch.getShape());
            assertEquals(-1f, batch.getFloat(0, 0, 0, 0), 1e-6); // byte 0 → -1
            assertEquals(1 / 127.5f - 1f, batch.getFloat(0, 0, 0, 1), 1e-6);
        }
    }

    @Test
    void wrongMagicNamesTheFileAndWhatWasExpected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("images");
        Files.write(file, idxImages(1, 2, 2, 0x801));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, null));
        assertEquals(
                file
                        + ": not an IDX images file: magic number 0x00000801, expected 0x00000803 (unsigned bytes, 3 dimensions)",
                e.getMessage());
    }

    @Test
    void truncatedFileIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("images");
        byte[] whole = idxImages(10, 4, 4, 0x803);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 5));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, null));
        assertEquals(
                file + ": truncated: the header promises 10 images of 4×4 but the file ends early", e.getMessage());
    }

    @Test
    void corruptGzipIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("images.gz");
        byte[] gz = gzip(idxImages(10, 4, 4, 0x803));
        for (int i = 20; i < 40; i++) {
            gz[i] ^= 0x5a;
        }
        Files.write(file, gz);
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, null));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void missingFilesNameTheDirectory(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> IdxReader.readDirectory(dir, "train"));
        assertTrue(
                e.getMessage().contains("no train-images-idx3-ubyte or train-images-idx3-ubyte.gz in " + dir),
                e.getMessage());
    }

    @Test
    void imageFolderResizesCropsAndSortsAndNamesAnUnreadableFileWhenItsBatchIsRead(@TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("a"));
        BufferedImage wide = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        wide.setRGB(20, 10, 0xff0000);
        ImageIO.write(wide, "png", dir.resolve("a/one.png").toFile());
        ImageIO.write(
                new BufferedImage(10, 30, BufferedImage.TYPE_INT_RGB),
                "jpg",
                dir.resolve("two.jpg").toFile());
        ImageSet data = ImageFolderReader.read(dir, 16, 3, 0);
        assertEquals(2, data.count());
        assertEquals(new Shape(3, 16, 16), data.imageShape());

        Path broken = dir.resolve("b/broken.png");
        Files.createDirectories(broken.getParent());
        // A PNG signature, then nothing readable: listing checks the format, not the pixels, so it succeeds.
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3});
        ImageFolderDataset lazy = ImageFolderReader.read(dir, 16, 3, 0);
        assertEquals(
                List.of("a/one.png", "b/broken.png", "two.jpg"),
                List.of(rel(lazy, 0, dir), rel(lazy, 1, dir), rel(lazy, 2, dir)));
        try (NDManager m = NDManager.newBaseManager()) {
            lazy.batch(m, new int[] {0, 2}).close(); // the readable ones still decode
            UnreadableImageException e =
                    assertThrows(UnreadableImageException.class, () -> lazy.batch(m, new int[] {2, 1, 0}));
            assertEquals(broken, e.file());
            assertTrue(e.getMessage().startsWith(broken + ": unreadable image: "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(!e.getMessage().contains("Exception") && !e.getMessage().contains("\tat "), e.getMessage());
        }
    }

    @Test
    void filesNamedLikeImagesHoldingNoImageAreRefusedAtListingNamingTheFirst(@TempDir Path dir) throws IOException {
        Random random = new Random(1);
        randomPng(dir.resolve("b.png"), 8, 8, random);
        Files.writeString(dir.resolve("a.png"), "hello");
        UnreadableImageException e =
                assertThrows(UnreadableImageException.class, () -> ImageFolderReader.read(dir, 8, 3, 0));
        assertEquals(dir.resolve("a.png"), e.file());
        assertEquals(
                dir.resolve("a.png") + ": unreadable image: its contents are in no image format a decoder recognises"
                        + " (PNG, JPEG, GIF or BMP); 1 of the first 2 files in " + dir + " is not an image",
                e.getMessage());
    }

    @Test
    void entriesThatAreNotImagesAreCountedAndTheFirstByPathNamed(@TempDir Path dir) throws IOException {
        Random random = new Random(2);
        Files.createDirectories(dir.resolve("img"));
        randomPng(dir.resolve("img/ok.png"), 8, 8, random);
        for (int i = 0; i < 7; i++) {
            Files.writeString(dir.resolve("img/note-" + i + ".txt"), "n");
        }
        Files.createSymbolicLink(dir.resolve("img/away.png"), dir.resolve("missing.png"));
        Files.createSymbolicLink(dir.resolve("img/folder-link"), dir);
        ImageFolderDataset data = ImageFolderReader.read(dir.resolve("img"), 8, 3, 0);
        assertEquals(1, data.count());
        assertEquals(
                new SkippedEntries(
                        9,
                        List.of(
                                "away.png (a dangling link)",
                                "folder-link (a link to a directory, not followed)",
                                "note-0.txt (not named like an image)",
                                "note-1.txt (not named like an image)",
                                "note-2.txt (not named like an image)")),
                data.skipped());
        assertEquals(
                "1 image from " + dir.resolve("img")
                        + "; skipped 9 entries that are not images: away.png (a dangling link),"
                        + " folder-link (a link to a directory, not followed), note-0.txt (not named like an image), note-1.txt (not"
                        + " named like an image), note-2.txt (not named like an image), and 4 more",
                data.head(1).describe().replace(" (first 1)", ""));
        assertEquals(data.skipped(), data.head(1).skipped(), "a head keeps what listing skipped");
    }

    private static String rel(ImageFolderDataset data, int i, Path dir) {
        return dir.relativize(data.file(i)).toString();
    }

    /** Writes {@code w × h} random RGB PNG into {@code file}. */
    static void randomPng(Path file, int w, int h, Random random) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** cats (3), dogs (2) and one unlabelled image in the root; sizes that need resizing and cropping. */
    static Path labelledFolder(Path dir) throws IOException {
        Random random = new Random(11);
        for (int i = 0; i < 3; i++) {
            randomPng(dir.resolve("cats/c" + i + ".png"), 12 + i, 9, random);
        }
        randomPng(dir.resolve("dogs/d0.png"), 8, 8, random);
        randomPng(dir.resolve("dogs/deeper/d1.png"), 7, 11, random);
        randomPng(dir.resolve("root.png"), 10, 10, random);
        Files.createDirectories(dir.resolve("empty"));
        return dir;
    }

    @Test
    void labelsComeFromFirstLevelSubFoldersInSortedOrder(@TempDir Path dir) throws IOException {
        ImageFolderDataset data = ImageFolderReader.read(labelledFolder(dir), 8, 3, 0);
        assertEquals(List.of("cats", "dogs"), data.classNames()); // "empty" holds no image, so it is no class
        assertEquals(6, data.count());
        int[] labels = new int[6];
        for (int i = 0; i < 6; i++) {
            labels[i] = data.label(i);
        }
        // cats/c0..c2, dogs/d0.png, dogs/deeper/d1.png, root.png
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, -1}, labels);
        assertFalse(data.hasLabels(), "root.png has no class");
        assertTrue(data.head(5).hasLabels());
        assertEquals(
                List.of("cats", "dogs"),
                ImageFolderReader.read(dir, 8, 3, 2).classNames(),
                "a limit keeps the classes");
    }

    @Test
    void batchEqualsTheEagerDecodeOfTheSameFilesPixelForPixel(@TempDir Path dir) throws IOException {
        ImageFolderDataset data = ImageFolderReader.read(labelledFolder(dir), 8, 3, 0);
        ImageFolderDataset grey = ImageFolderReader.read(dir, 8, 1, 0);
        int[] order = {5, 0, 3, 1, 4, 2};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] rgb = data.batch(m, order).toFloatArray();
            float[] g = grey.batch(m, order).toFloatArray();
            for (int b = 0; b < order.length; b++) {
                // The eager transform, written out here: ImageIO, shorter side to 8, centre crop, planes.
                BufferedImage eager = ImageFolderReader.resizeAndCrop(
                        ImageIO.read(data.file(order[b]).toFile()), 8);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int p = eager.getRGB(x, y);
                        int r = (p >> 16) & 0xff;
                        int gr = (p >> 8) & 0xff;
                        int bl = p & 0xff;
                        int at = y * 8 + x;
                        assertEquals(
                                r / 127.5f - 1f, rgb[b * 192 + at], "image " + order[b] + " red at " + x + "," + y);
                        assertEquals(gr / 127.5f - 1f, rgb[b * 192 + 64 + at]);
                        assertEquals(bl / 127.5f - 1f, rgb[b * 192 + 128 + at]);
                        assertEquals(Math.round(0.299 * r + 0.587 * gr + 0.114 * bl) / 127.5f - 1f, g[b * 64 + at]);
                    }
                }
            }
        }
    }

    @Test
    void anImageAlreadyAtSizeComesBackAsItsPixels(@TempDir Path dir) throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 16; i++) {
            image.setRGB(i % 4, i / 4, (i * 16) << 16 | (255 - i) << 8 | 7);
        }
        ImageIO.write(image, "png", dir.resolve("x.png").toFile());
        try (NDManager m = NDManager.newBaseManager()) {
            float[] pixels =
                    ImageFolderReader.read(dir, 4, 3, 0).batch(m, new int[] {0}).toFloatArray();
            for (int i = 0; i < 16; i++) {
                assertEquals(i * 16 / 127.5f - 1f, pixels[i]);
                assertEquals((255 - i) / 127.5f - 1f, pixels[16 + i]);
                assertEquals(7 / 127.5f - 1f, pixels[32 + i]);
            }
        }
    }

    @Test
    void aDjlBatchCarriesInt32LabelsAndSplitsAcrossDevices(@TempDir Path dir) throws IOException {
        ImageFolderDataset data = ImageFolderReader.read(labelledFolder(dir), 8, 3, 0);
        int[] indices = {3, 0, 5, 4};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray expected = data.batch(m, indices);
            try (Batch batch = data.batch(m, indices, 7, 9)) {
                assertEquals(4, batch.getSize());
                assertEquals(7, batch.getProgress());
                assertEquals(9, batch.getProgressTotal());
                NDArray labels = batch.getLabels().singletonOrThrow();
                assertEquals(DataType.INT32, labels.getDataType());
                assertArrayEquals(new int[] {1, 0, -1, 1}, labels.toIntArray());
                assertEquals(expected, batch.getData().singletonOrThrow());

                Batch[] halves = batch.split(new Device[] {Device.cpu(), Device.cpu()}, false);
                assertEquals(2, halves.length);
                assertArrayEquals(
                        new int[] {1, 0},
                        halves[0].getLabels().singletonOrThrow().toIntArray());
                assertArrayEquals(
                        new int[] {-1, 1},
                        halves[1].getLabels().singletonOrThrow().toIntArray());
                assertEquals(expected.get("0:2"), halves[0].getData().singletonOrThrow());
                assertEquals(expected.get("2:4"), halves[1].getData().singletonOrThrow());
                for (Batch half : halves) {
                    half.close();
                }
            }
            assertTrue(expected.isReleased() == false, "closing the batch leaves the caller's manager open");
        }
    }

    @Test
    void headIsAViewOfTheFirstImages(@TempDir Path dir) throws IOException {
        ImageFolderDataset data = ImageFolderReader.read(labelledFolder(dir), 8, 3, 0);
        ImageSet head = data.head(4);
        assertEquals(4, head.count());
        assertEquals(data.origin() + " (first 4)", head.origin());
        assertEquals(1, head.label(3));
        assertEquals(data.classNames(), head.classNames());
        assertEquals(6, data.head(100).count());
        assertThrows(IndexOutOfBoundsException.class, () -> head.label(4));
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(data.batch(m, new int[] {3, 1}), head.batch(m, new int[] {3, 1}));
            assertThrows(IndexOutOfBoundsException.class, () -> head.batch(m, new int[] {4}));
        }
        // On bytes in memory too: the head shares them.
        InMemoryImages memory =
                new InMemoryImages(new byte[] {1, 2, 3, 4, 5, 6}, new int[] {4, 5, 6}, new Shape(1, 1, 2), "m");
        ImageSet two = memory.head(2);
        assertEquals(2, two.count());
        assertEquals(5, two.label(1));
        try (NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(
                    new float[] {3 / 127.5f - 1f, 4 / 127.5f - 1f},
                    two.batch(m, new int[] {1}).toFloatArray());
        }
    }

    @Test
    void djlGetDataIteratesEveryRecordWithItsLabel(@TempDir Path dir) throws Exception {
        ImageFolderDataset data = ImageFolderReader.read(labelledFolder(dir), 8, 3, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray all = data.batch(m, new int[] {0, 1, 2, 3, 4, 5});
            List<Integer> labels = new ArrayList<>();
            int seen = 0;
            for (Batch batch : data.getData(m)) {
                assertEquals(
                        new Shape(1, 3, 8, 8),
                        batch.getData().singletonOrThrow().getShape());
                assertEquals(all.get(seen + ":" + (seen + 1)), batch.getData().singletonOrThrow());
                labels.add(batch.getLabels().singletonOrThrow().toIntArray()[0]);
                seen++;
                batch.close();
            }
            assertEquals(6, seen);
            assertEquals(List.of(0, 0, 0, 1, 1, -1), labels);

            // Batches of 4 through DJL's own sampler: the one-copy fetch gives what the record path would stack.
            List<Integer> sizes = new ArrayList<>();
            for (Batch batch : data.getData(m, new BatchSampler(new SequenceSampler(), 4, false))) {
                sizes.add(batch.getSize());
                NDArray images = batch.getData().singletonOrThrow();
                int from = sizes.size() == 1 ? 0 : 4;
                NDArray stacked =
                        NDArrays.stack(new NDList(java.util.stream.IntStream.range(from, from + batch.getSize())
                                .mapToObj(i -> data.get(m, i).getData().singletonOrThrow())
                                .toArray(NDArray[]::new)));
                assertEquals(stacked, images);
                batch.close();
            }
            assertEquals(List.of(4, 2), sizes);
            assertEquals(
                    DataType.INT32,
                    data.get(m, 0).getLabels().singletonOrThrow().getDataType());
        }
    }

    @Test
    void idxImagesCarryLabelsAndAttachedClassNames(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        Files.write(images, idxImages(3, 2, 2, 0x803));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x801);
        out.writeInt(3);
        out.write(new byte[] {9, 0, 3});
        Files.write(labels, bytes.toByteArray());
        InMemoryImages data = IdxReader.read(images, labels);
        assertTrue(data.hasLabels());
        assertEquals(List.of(), data.classNames());
        InMemoryImages named = data.withClassNames(IdxReader.FASHION_MNIST_CLASSES);
        assertEquals("Ankle boot", named.classNames().get(named.label(0)));
        assertEquals("T-shirt/top", named.classNames().get(named.label(1)));
        assertThrows(IllegalArgumentException.class, () -> data.withClassNames(List.of("a", "b")));
        try (NDManager m = NDManager.newBaseManager();
                Batch batch = named.batch(m, new int[] {2, 0}, 0, 1)) {
            assertArrayEquals(
                    new int[] {3, 9}, batch.getLabels().singletonOrThrow().toIntArray());
        }
    }

    @Test
    void chunkedBytesServeImagesAcrossChunkBoundaries() {
        // 7 images of 3 bytes in chunks of 2 images: image k's bytes are 3k, 3k+1, 3k+2.
        byte[][] chunks = {{0, 1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11}, {12, 13, 14, 15, 16, 17}, {18, 19, 20}};
        InMemoryImages data = new InMemoryImages(chunks, 2, 7, null, new Shape(3, 1, 1), "chunks", List.of());
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = data.batch(m, new int[] {6, 1, 2, 5}).toFloatArray();
            int[] expected = {18, 19, 20, 3, 4, 5, 6, 7, 8, 15, 16, 17};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i] / 127.5f - 1f, got[i], "byte " + i);
            }
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> new InMemoryImages(chunks, 2, 8, null, new Shape(3, 1, 1), "chunks", List.of()));
    }

    @Test
    void morePixelsThanAnIntCanIndexIsNoOverflow() {
        // 250,000 images of 128×128×3 is 12.3 GB, past an int at image 43,690: generated on demand, never held.
        ImageSet huge = new ImageSet(new Shape(3, 128, 128), "generated") {
            @Override
            public int count() {
                return 250_000;
            }

            @Override
            public int label(int index) {
                return index % 10;
            }

            @Override
            public boolean hasLabels() {
                return true;
            }

            @Override
            protected void readImage(int index, byte[] into, int offset) {
                java.util.Arrays.fill(into, offset, offset + imageBytes(), (byte) (index % 251));
            }
        };
        assertTrue((long) huge.count() * huge.imageShape().size() > Integer.MAX_VALUE);
        try (NDManager m = NDManager.newBaseManager();
                Batch batch = huge.batch(m, new int[] {249_999, 43_691}, 0, 1)) {
            NDArray images = batch.getData().singletonOrThrow();
            assertEquals(new Shape(2, 3, 128, 128), images.getShape());
            assertEquals(249_999 % 251 / 127.5f - 1f, images.getFloat(0, 2, 127, 127));
            assertEquals(43_691 % 251 / 127.5f - 1f, images.getFloat(1, 0, 0, 0));
            assertArrayEquals(
                    new int[] {9, 1}, batch.getLabels().singletonOrThrow().toIntArray());
        }
        assertEquals(250_000, huge.size());
    }
}
