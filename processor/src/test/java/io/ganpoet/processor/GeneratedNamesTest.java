package io.ganpoet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.ganpoet.processor.Sources.compile;
import static io.ganpoet.processor.Sources.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.ganpoet.processor.model.GeneratedNames;
import io.ganpoet.processor.model.PairKind;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every name the writers put in generated sources is one {@link GeneratedNames} decides: the class
 * names, the constants of blocks and holders, and the fields layers become. Read back from the
 * sources of a GAN, a conditional GAN, an autoencoder and a VAE with a named decoder.
 */
class GeneratedNamesTest {

    private static final Pattern CLASS = Pattern.compile("public final class (\\w+)");
    private static final Pattern CONSTANT = Pattern.compile("static final [\\w.<>]+ (\\w+) =");
    private static final Pattern FIELD = Pattern.compile("private final [\\w.]+ (\\w+);");

    /** One spec, its kind, whether it is conditional, and its block names. */
    private record Case(
            JavaFileObject source,
            String name,
            PairKind kind,
            boolean conditional,
            String mirrorName,
            List<String> blocks) {}

    @Test
    void theWritersDeclareExactlyTheNamesGeneratedNamesDecides() throws IOException {
        List<Case> cases = List.of(
                new Case(
                        Sources.dcgan(),
                        "DcganDiscriminator",
                        PairKind.GAN,
                        false,
                        "",
                        List.of("conv1", "conv2", "conv3", "conv4", "conv5")),
                new Case(
                        spec(
                                "LabelledDiscriminator",
                                "@Discriminator(channels = 1, height = 8, width = 8, classes = 3)",
                                "@ConvBlock(name = \"down\", filters = 4, kernel = 4, stride = 2, padding = 1, batchNorm = true, bias = false, activation = LEAKY_RELU)",
                                "@DenseBlock(units = 1, activation = NONE)",
                                "interface LabelledDiscriminator {}"),
                        "LabelledDiscriminator",
                        PairKind.GAN,
                        true,
                        "",
                        List.of("down", "dense1")),
                new Case(
                        spec(
                                "Plain",
                                "@Encoder(channels = 1, height = 8, width = 8)",
                                "@ConvBlock(filters = 2, kernel = 4, stride = 2, padding = 1, activation = RELU)",
                                "interface Plain {}"),
                        "Plain",
                        PairKind.AUTOENCODER,
                        false,
                        "",
                        List.of("conv1")),
                new Case(
                        spec(
                                "VariationalEncoder",
                                "@Encoder(channels = 1, height = 8, width = 8, variational = true, latent = 4,",
                                "        decoder = @Decoder(name = \"Painter\"))",
                                "@ConvBlock(filters = 2, kernel = 4, stride = 2, padding = 1, batchNorm = true, bias = false, activation = RELU)",
                                "@DenseBlock(name = \"squeeze\", units = 6, activation = RELU)",
                                "interface VariationalEncoder {}"),
                        "VariationalEncoder",
                        PairKind.AUTOENCODER,
                        false,
                        "Painter",
                        List.of("conv1", "squeeze")));
        for (Case c : cases) {
            Compilation compilation = compile(c.source());
            assertThat(compilation).succeededWithoutWarnings();
            String stack = GeneratedNames.stackClass(c.kind(), c.name());
            String mirror = GeneratedNames.mirrorClass(c.kind(), c.name(), c.mirrorName());
            String holder = GeneratedNames.holderClass(c.kind(), c.name());
            Set<String> classes = new TreeSet<>();
            for (JavaFileObject file : compilation.generatedSourceFiles()) {
                String text = file.getCharContent(true).toString();
                String declared = first(CLASS, text);
                classes.add(declared);
                Set<String> constants = all(CONSTANT, text);
                if (declared.equals(holder)) {
                    assertEquals(GeneratedNames.holderConstants(c.kind(), c.conditional()), constants, holder);
                    continue;
                }
                Set<String> blockConstants = new TreeSet<>(GeneratedNames.BLOCK_CONSTANTS);
                if (c.conditional()) {
                    blockConstants.add(GeneratedNames.CLASSES);
                }
                assertEquals(blockConstants, constants, declared);
                Set<String> allowed = new HashSet<>();
                for (String added : GeneratedNames.ADDED_LAYERS) {
                    allowed.addAll(GeneratedNames.blockFields(added));
                }
                for (String block : c.blocks()) {
                    allowed.addAll(GeneratedNames.blockFields(block));
                }
                Set<String> fields = all(FIELD, text);
                assertTrue(allowed.containsAll(fields), declared + " declares " + fields + ", beyond " + allowed);
                assertTrue(!fields.isEmpty(), declared);
            }
            assertEquals(new TreeSet<>(List.of(stack, mirror, holder)), classes, c.name());
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), pattern.pattern());
        return m.group(1);
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
