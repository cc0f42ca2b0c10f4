package io.ganpoet.samples.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unconditional samples' generated sources, byte for byte, as ganpoet generated them before
 * conditional GANs (issue 12) reached the processor: a feature a spec does not use must not change
 * what that spec generates. The golden copies are in {@code src/test/resources/golden}; regenerate
 * them only for a change meant to alter every user's generated code, and say so in the commit.
 */
class GoldenSourcesTest {

    private static final Path GENERATED = Path.of("target/generated-sources/annotations/io/ganpoet/samples/specs");

    @ParameterizedTest
    @ValueSource(strings = {"Fashion", "Faces", "Dcgan"})
    void unconditionalGansGenerateWhatTheyAlwaysDid(String base) throws IOException {
        for (String suffix : List.of("DiscriminatorBlock", "GeneratorBlock", "Gan")) {
            assertSame(base + suffix);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lecture", "FashionVae"})
    void autoencodersGenerateWhatTheyAlwaysDid(String base) throws IOException {
        for (String suffix : List.of("EncoderBlock", "DecoderBlock", "Autoencoder")) {
            assertSame(base + suffix);
        }
    }

    private static void assertSame(String className) throws IOException {
        Path generated = GENERATED.resolve(className + ".java");
        assertTrue(Files.isRegularFile(generated), generated + " was not generated");
        String golden;
        try (InputStream in = GoldenSourcesTest.class.getResourceAsStream("/golden/" + className + ".java.txt")) {
            assertTrue(in != null, "no golden copy of " + className);
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(golden, Files.readString(generated), className + ".java differs from its golden copy");
    }
}
