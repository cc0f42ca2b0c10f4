package io.ganpoet.samples;

import io.ganpoet.train.data.IdxReader;
import io.ganpoet.train.data.ImageSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST: the slice shipped in this jar (6,000 training and 1,000 test images, MIT licence,
 * see {@code fashion-mnist/NOTICE.md}), or the full set from a directory such as Debian's
 * {@code /usr/share/datasets/fashion-mnist}.
 */
final class FashionData {

    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");
    private static final String RESOURCES = "/io/ganpoet/samples/fashion-mnist/";

    private FashionData() {}

    /** The embedded slice: {@code train} (6,000 images) or {@code t10k} (1,000). */
    static ImageSet embedded(String prefix) throws IOException {
        String images = prefix + "-images-idx3-ubyte.gz";
        String labels = prefix + "-labels-idx1-ubyte.gz";
        return IdxReader.read(
                        () -> resource(images), "embedded " + images, () -> resource(labels), "embedded " + labels)
                .withClassNames(IdxReader.FASHION_MNIST_CLASSES);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = FashionData.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IOException("missing resource " + RESOURCES + name + " (a broken ganpoet-samples build?)");
        }
        return in;
    }

    /** Whether a directory holds MNIST-layout IDX files. */
    static boolean isIdxDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().contains("-images-idx3-ubyte"));
        }
    }
}
