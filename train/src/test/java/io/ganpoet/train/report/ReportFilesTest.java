package io.ganpoet.train.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganpoet.runtime.image.ImageGrid;
import io.ganpoet.train.run.FileErrors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded pictures and file errors that name their file. */
class ReportFilesTest {

    @Test
    void gifOfALongRunKeepsFiftyEvenlySpacedFramesWithTheLast() {
        int[] frames = Pictures.evenlySpaced(481, Pictures.MAX_GIF_FRAMES);
        assertEquals(50, frames.length);
        assertEquals(0, frames[0]);
        assertEquals(480, frames[49]);
        assertEquals(10, frames[1]); // 480 / 49 ≈ 9.8 apart
        assertArrayEquals(new int[] {0, 1, 2}, Pictures.evenlySpaced(3, 50));
    }

    @Test
    void gridDrawnBatchByBatchEqualsTheGridDrawnAtOnce() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.randomUniform(-1f, 1f, new Shape(10, 3, 5, 4));
            BufferedImage whole = ImageGrid.render(images, 4, 2);
            BufferedImage parts = ImageGrid.blank(10, 4, 5, 4, 2);
            ImageGrid.draw(parts, images.get("0:3"), 0, 4, 2);
            ImageGrid.draw(parts, images.get("3:10"), 3, 4, 2);
            assertEquals(whole.getWidth(), parts.getWidth());
            assertEquals(whole.getHeight(), parts.getHeight());
            assertArrayEquals(
                    whole.getRGB(0, 0, whole.getWidth(), whole.getHeight(), null, 0, whole.getWidth()),
                    parts.getRGB(0, 0, parts.getWidth(), parts.getHeight(), null, 0, parts.getWidth()));
            assertEquals((long) whole.getWidth() * whole.getHeight(), ImageGrid.pixels(10, 4, 5, 4, 2));
        }
    }

    @Test
    void pngIntoAMissingFolderNamesTheFile(@TempDir Path dir) {
        Path file = dir.resolve("missing/grid.png");
        IOException e = assertThrows(
                NoSuchFileException.class,
                () -> Pictures.writePng(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), file));
        assertEquals(file + ": no such file or directory", FileErrors.describe(e));
    }

    @Test
    void aWriteErrorWithoutAFileGetsItsFileNamed(@TempDir Path dir) throws IOException {
        // What a full disk throws from a stream: a reason, no file.
        Path file = Files.createFile(dir.resolve("metrics.csv"));
        IOException full = FileErrors.naming(file, new IOException("No space left on device"));
        assertEquals(file + ": No space left on device", full.getMessage());
        IOException named = new java.nio.file.AccessDeniedException(file.toString());
        assertEquals(named, FileErrors.naming(file, named));
        assertEquals(file + ": permission denied", FileErrors.describe(named));
        assertEquals("IOException", FileErrors.describe(new IOException()));
    }
}
