package io.ganpoet.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        ImageDataset data = IdxReader.readDirectory(dir, "train");
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
        assertEquals(file + ": not an IDX images file: magic number 0x00000801, expected 0x00000803 (unsigned bytes, 3 dimensions)",
                e.getMessage());
    }

    @Test
    void truncatedFileIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("images");
        byte[] whole = idxImages(10, 4, 4, 0x803);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 5));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, null));
        assertEquals(file + ": truncated: the header promises 10 images of 4×4 but the file ends early", e.getMessage());
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
        assertTrue(e.getMessage().contains("no train-images-idx3-ubyte or train-images-idx3-ubyte.gz in " + dir), e.getMessage());
    }

    @Test
    void imageFolderResizesCropsAndSortsAndNamesAnUnreadableFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a"));
        BufferedImage wide = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        wide.setRGB(20, 10, 0xff0000);
        ImageIO.write(wide, "png", dir.resolve("a/one.png").toFile());
        ImageIO.write(new BufferedImage(10, 30, BufferedImage.TYPE_INT_RGB), "jpg", dir.resolve("two.jpg").toFile());
        ImageDataset data = ImageFolderReader.read(dir, 16, 3, 0);
        assertEquals(2, data.count());
        assertEquals(new Shape(3, 16, 16), data.imageShape());

        Path broken = dir.resolve("b/broken.png");
        Files.createDirectories(broken.getParent());
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> ImageFolderReader.read(dir, 16, 3, 0));
        assertTrue(e.getMessage().startsWith(broken + ": unreadable image"), e.getMessage());
    }
}
