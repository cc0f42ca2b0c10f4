package io.ganpoet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.ganpoet.processor.GanProcessorTest.golden;
import static io.ganpoet.processor.GanProcessorTest.source;
import static io.ganpoet.processor.Sources.compile;
import static io.ganpoet.processor.Sources.line;
import static io.ganpoet.processor.Sources.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Discriminator(classes = n)}: what a conditional spec generates, and its errors on their lines. */
class ConditionalProcessorTest {

    /** A conditional spec with a pooled conv block and a dense head, the attributes on lines of their own. */
    static JavaFileObject tinyConditional() {
        return spec(
                "TinyConditionalDiscriminator",
                "@Discriminator(channels = 1, height = 12, width = 12, latent = 16,",
                "    classes = 5,",
                "    labelEmbedding = 8)",
                "@ConvBlock(filters = 4, kernel = 3, stride = 2, padding = 1, activation = LEAKY_RELU, dropout = 0.25f)",
                "@ConvBlock(filters = 8, kernel = 3, padding = 1, bias = false, batchNorm = true, activation = RELU, maxPool = 2)",
                "@DenseBlock(units = 1, activation = SIGMOID)",
                "interface TinyConditionalDiscriminator {}");
    }

    /** Regenerate with {@code mvn -pl processor test -Dtest=ConditionalProcessorTest -Dganpoet.updateGolden=true}. */
    @Test
    void generatedSourcesMatchTheGoldenFiles() throws IOException {
        Compilation compilation = compile(tinyConditional());
        assertThat(compilation).succeededWithoutWarnings();
        for (String name :
                new String[] {"TinyConditionalDiscriminatorBlock", "TinyConditionalGeneratorBlock", "TinyConditionalGan"
                }) {
            String generated = source(compilation, "test." + name);
            if (Boolean.getBoolean("ganpoet.updateGolden")) {
                java.nio.file.Files.writeString(
                        java.nio.file.Path.of("src/test/resources/golden", name + ".java"), generated);
                continue;
            }
            assertEquals(golden(name), generated, name);
        }
    }

    @Test
    void labelLayersHeadBothTablesAndTheGeneratorEndsOnTheImagesChannels() throws IOException {
        Compilation compilation = compile(tinyConditional());
        String discriminator = source(compilation, "test.TinyConditionalDiscriminatorBlock");
        String generator = source(compilation, "test.TinyConditionalGeneratorBlock");
        String holder = source(compilation, "test.TinyConditionalGan");
        // 1 + 5 channels into conv1: 4·6·3·3 + 4 = 220 parameters (216 + bias)
        assertTrue(discriminator.contains(" * labelMaps  join 5 one-hot label maps"), discriminator);
        assertTrue(discriminator.contains("6x12x12"), discriminator);
        assertTrue(discriminator.contains("  220  "), discriminator);
        // latent 16 + embedding 8 = 24 channels into the dense block's mirror; 5·8 = 40 embedding parameters
        assertTrue(
                generator.matches(
                        "(?s).* \\* labelEmbedding +Embedding\\(5, 8\\)\\[label\\], joined to channels +24x1x1 +40 .*"),
                generator);
        assertTrue(generator.contains("OUTPUT_SHAPE = new Shape(1, 12, 12)"), generator);
        assertTrue(generator.contains("new LabelEmbedding(CLASSES, 8, 1f)"), generator);
        assertTrue(holder.contains("public static final int CLASSES = 5;"), holder);
        assertTrue(holder.contains("public int classes() {\n        return CLASSES;"), holder);
    }

    @Test
    void unconditionalSpecsSayNothingAboutClasses() throws IOException {
        Compilation compilation = compile(GanProcessorTest.tiny());
        for (String name : new String[] {"TinyDiscriminatorBlock", "TinyGeneratorBlock", "TinyGan"}) {
            String source = source(compilation, "test." + name);
            assertTrue(!source.contains("CLASSES") && !source.contains("labels"), source);
        }
    }

    // ---- errors, each on the attribute's own line ----

    private static Compilation withConditioning(String classesLine, String embeddingLine) {
        return compile(spec(
                "BadDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8,",
                classesLine,
                embeddingLine + ")",
                "@ConvBlock(filters = 8, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 1, kernel = 4, activation = SIGMOID)",
                "interface BadDiscriminator {}"));
    }

    private static void assertOneError(Compilation compilation, String message, int specLine) {
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(message)
                .inFile(compilation.sourceFiles().get(0))
                .onLine(line(specLine));
    }

    @Test
    void negativeClassCount() {
        assertOneError(
                withConditioning("    classes = -3,", "    labelEmbedding = 16"),
                "BadDiscriminator: classes must be 0 (an unconditional GAN) or the number of classes in the data,"
                        + " at least 2; got -3",
                2);
    }

    @Test
    void oneClassConditionsOnNothing() {
        assertOneError(
                withConditioning("    classes = 1,", "    labelEmbedding = 16"),
                "classes = 1 conditions on nothing, since every label would be 0; use classes = 0 for an"
                        + " unconditional GAN, or the number of classes in the data",
                2);
    }

    @Test
    void tooManyClasses() {
        assertOneError(
                withConditioning("    classes = 65537,", "    labelEmbedding = 16"),
                "classes 65537 is too large; ganpoet supports at most 65536",
                2);
    }

    @Test
    void nonPositiveLabelEmbedding() {
        assertOneError(
                withConditioning("    classes = 10,", "    labelEmbedding = 0"),
                "BadDiscriminator: labelEmbedding must be positive, got 0; it is the size of the learned vector per"
                        + " class joined to the generator's latent (16 by default)",
                3);
    }

    @Test
    void labelEmbeddingWithoutClassesIsAWarningOnItsLine() {
        Compilation compilation = withConditioning("    classes = 0,", "    labelEmbedding = 32");
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining("labelEmbedding has no effect without classes; set classes to the number of"
                        + " classes in the data, or remove labelEmbedding")
                .inFile(compilation.sourceFiles().get(0))
                .onLine(line(3));
    }

    @Test
    void labelMapsThatCannotBePlacedSayWhatWouldFixIt() {
        // 40,000 maps of 256×256 would be 2.6 billion values per image, past the tensor limit
        Compilation compilation = compile(spec(
                "HugeDiscriminator",
                "@Discriminator(channels = 1, height = 256, width = 256,",
                "    classes = 40000)",
                "@ConvBlock(filters = 1, kernel = 256, activation = SIGMOID)",
                "interface HugeDiscriminator {}"));
        assertOneError(
                compilation,
                "HugeDiscriminator: 40000 label maps joined to the 1×256×256 image cannot be placed: labelMaps: the"
                        + " 40001×256×256 tensor has 2621505536 elements per sample; ganpoet supports at most"
                        + " 2147483647; use fewer classes or a smaller image",
                2);
    }

    @Test
    void aBlockNamedLikeTheClassCountConstantIsRejectedOnItsLine() {
        Compilation compilation = compile(spec(
                "ClashDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8, classes = 3)",
                "@ConvBlock(name = \"CLASSES\", filters = 8, kernel = 4, stride = 2, padding = 1,"
                        + " activation = LEAKY_RELU)",
                "@ConvBlock(filters = 1, kernel = 4, activation = SIGMOID)",
                "interface ClashDiscriminator {}"));
        assertOneError(
                compilation,
                "conv block 1: name 'CLASSES' would declare the field 'CLASSES', which a conditional GAN's blocks"
                        + " use for their number of classes; choose another name",
                2);
        // an unconditional spec has no such constant, so the name stays allowed there
        assertThat(compile(spec(
                        "FreeDiscriminator",
                        "@Discriminator(channels = 1, height = 8, width = 8)",
                        "@ConvBlock(name = \"CLASSES\", filters = 1, kernel = 8, activation = SIGMOID)",
                        "interface FreeDiscriminator {}")))
                .succeeded();
    }

    @Test
    void aGeneratorNamedLikeAConstantOfTheHolderIsRejectedOnItsLine() {
        for (String name : new String[] {"CLASSES", "LATENT", "SUMMARY"}) {
            Compilation compilation = compile(spec(
                    "NamedDiscriminator",
                    "@Discriminator(channels = 1, height = 8, width = 8, classes = 3,",
                    "    generator = @Generator(name = \"" + name + "\"))",
                    "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                    "interface NamedDiscriminator {}"));
            assertOneError(
                    compilation,
                    "generator name '" + name + "' is a constant of the generated NamedGan, which refers to the"
                            + " generator by its simple name; choose another name",
                    2);
        }
        // CLASSES is only a constant of a conditional holder
        assertThat(compile(spec(
                        "FreeDiscriminator",
                        "@Discriminator(channels = 1, height = 8, width = 8,",
                        "    generator = @Generator(name = \"CLASSES\"))",
                        "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                        "interface FreeDiscriminator {}")))
                .succeeded();
    }

    @Test
    void blocksNamedLikeAPackageRootAreRejectedOnTheirLine() {
        for (String name : new String[] {"io", "ai"}) {
            Compilation compilation = compile(spec(
                    "RootDiscriminator",
                    "@Discriminator(channels = 1, height = 8, width = 8, latent = 4, classes = 3)",
                    "@ConvBlock(name = \"" + name + "\", filters = 4, kernel = 3, stride = 2, padding = 1,"
                            + " activation = LEAKY_RELU)",
                    "@DenseBlock(name = \"Conditioning\", units = 1, activation = SIGMOID)",
                    "interface RootDiscriminator {}"));
            assertOneError(
                    compilation,
                    "conv block 1: name '" + name + "' would hide the package '" + name + "' that generated code"
                            + " names types from (a field and a package's first name share Java's namespace);"
                            + " choose another name",
                    2);
        }
    }

    @Test
    void aBlockNamedLikeALabelLayerIsRejectedOnItsLine() {
        Compilation compilation = compile(spec(
                "ClashDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8, classes = 3)",
                "@ConvBlock(name = \"labelMaps\", filters = 8, kernel = 4, stride = 2, padding = 1,"
                        + " activation = LEAKY_RELU)",
                "@ConvBlock(filters = 1, kernel = 4, activation = SIGMOID)",
                "interface ClashDiscriminator {}"));
        assertOneError(
                compilation,
                "conv block 1: name 'labelMaps' is the name of a conditional GAN's label layer in the layer tables;"
                        + " choose another name",
                2);
    }
}
