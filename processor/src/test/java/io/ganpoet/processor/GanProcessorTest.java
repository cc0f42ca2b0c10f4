package io.ganpoet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.ganpoet.processor.Sources.compile;
import static io.ganpoet.processor.Sources.line;
import static io.ganpoet.processor.Sources.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** End-to-end: real javac, the processor, and the sources and diagnostics it produces. */
class GanProcessorTest {

    @Test
    void dcganTutorialSpecGeneratesThreeClassesWithTheTutorialsParameterCounts() throws IOException {
        Compilation compilation = compile(Sources.dcgan());
        assertThat(compilation).succeededWithoutWarnings();
        String discriminator = source(compilation, "test.DcganDiscriminatorBlock");
        String generator = source(compilation, "test.DcganGeneratorBlock");
        assertThat(compilation).generatedSourceFile("test.DcganGan");
        assertTrue(
                discriminator.contains("total                                                           2,765,568"),
                discriminator);
        assertTrue(generator.contains("3,576,704"), generator);
        assertTrue(generator.contains("INPUT_SHAPE = new Shape(100, 1, 1)"), generator);
        assertTrue(generator.contains("OUTPUT_SHAPE = new Shape(3, 64, 64)"), generator);
    }

    static JavaFileObject tiny() {
        return spec(
                "TinyDiscriminator",
                "@Discriminator(channels = 1, height = 12, width = 12, latent = 16)",
                "@ConvBlock(filters = 4, kernel = 3, stride = 2, padding = 1, activation = LEAKY_RELU, dropout = 0.25f)",
                "@ConvBlock(filters = 8, kernel = 3, padding = 1, bias = false, batchNorm = true, activation = RELU, maxPool = 2)",
                "@DenseBlock(units = 1, activation = SIGMOID)",
                "interface TinyDiscriminator {}");
    }

    /** Regenerate with {@code mvn -pl processor test -Dtest=GanProcessorTest -Dganpoet.updateGolden=true}. */
    @Test
    void generatedSourcesMatchTheGoldenFiles() throws IOException {
        Compilation compilation = compile(tiny());
        assertThat(compilation).succeeded();
        for (String name : new String[] {"TinyDiscriminatorBlock", "TinyGeneratorBlock", "TinyGan"}) {
            String generated = source(compilation, "test." + name);
            if (Boolean.getBoolean("ganpoet.updateGolden")) {
                java.nio.file.Files.writeString(
                        java.nio.file.Path.of("src/test/resources/golden", name + ".java"), generated);
                continue;
            }
            assertEquals(golden(name), generated, name);
        }
    }

    /** The PyTorch twin, a resource beside the classes. Regenerate as above. */
    @Test
    void pytorchTwinMatchesItsGoldenFile() throws IOException {
        Compilation compilation = compile(tiny());
        assertThat(compilation).succeeded();
        String twin = compilation
                .generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "test", "TinyGan.py")
                .orElseThrow(() -> new AssertionError("no test/TinyGan.py written"))
                .getCharContent(true)
                .toString();
        if (Boolean.getBoolean("ganpoet.updateGolden")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/golden/TinyGan.py"), twin);
            return;
        }
        try (InputStream in = GanProcessorTest.class.getResourceAsStream("/golden/TinyGan.py")) {
            if (in == null) {
                throw new AssertionError("missing golden file golden/TinyGan.py");
            }
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), twin);
        }
    }

    @Test
    void outputIsByteIdenticalAcrossCompilations() throws IOException {
        Compilation first = compile(tiny(), Sources.dcgan());
        Compilation second = compile(Sources.dcgan(), tiny());
        for (String name : new String[] {"TinyGeneratorBlock", "DcganDiscriminatorBlock", "DcganGan"}) {
            assertEquals(source(first, "test." + name), source(second, "test." + name), name);
        }
    }

    @Test
    void summaryOptionPrintsTheLayerTablesAsANote() {
        Compilation compilation = compile(new String[] {"-Aganpoet.summary=true"}, tiny());
        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("Generator TinyGeneratorBlock");
        assertThat(compilation).hadNoteContaining("ConvT2d 3x3 s2 p1 op1, Tanh");
    }

    // ---- errors, each on its own line ----

    static Compilation oneBlock(String block) {
        return compile(spec(
                "BadDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 8, kernel = 3, activation = LEAKY_RELU)",
                block,
                "@ConvBlock(filters = 1, kernel = 2, activation = SIGMOID)",
                "interface BadDiscriminator {}"));
    }

    private static void assertErrorOnBlock(Compilation compilation, String message) {
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(message)
                .inFile(file(compilation))
                .onLine(line(3));
    }

    private static JavaFileObject file(Compilation compilation) {
        return compilation.sourceFiles().get(0);
    }

    @Test
    void nonPositiveFilters() {
        assertErrorOnBlock(
                oneBlock("@ConvBlock(filters = 0, kernel = 3, activation = RELU)"),
                "conv2: filters must be positive, got 0");
    }

    @Test
    void nonPositiveKernel() {
        assertErrorOnBlock(
                oneBlock("@ConvBlock(filters = 8, kernel = -1, activation = RELU)"),
                "conv2: kernel must be positive, got -1");
    }

    @Test
    void nonPositiveStride() {
        assertErrorOnBlock(
                oneBlock("@ConvBlock(filters = 8, kernel = 3, stride = 0, activation = RELU)"),
                "conv2: stride must be positive, got 0");
    }

    @Test
    void nonPositiveDilation() {
        assertErrorOnBlock(
                oneBlock("@ConvBlock(filters = 8, kernel = 3, dilation = 0, activation = RELU)"),
                "conv2: dilation must be positive, got 0");
    }

    @Test
    void negativePadding() {
        assertErrorOnBlock(
                oneBlock("@ConvBlock(filters = 8, kernel = 3, padding = -2, activation = RELU)"),
                "conv2: padding must not be negative, got -2");
    }

    @Test
    void dropoutOutsideUnitInterval() {
        assertErrorOnBlock(
                oneBlock("@ConvBlock(filters = 8, kernel = 3, dropout = 1f, activation = RELU)"),
                "conv2: dropout must be in [0, 1), got 1");
    }

    @Test
    void kernelThatDoesNotFitNamesTheBlockTheSizesAndAFix() {
        // 8×8 → conv1 (k3) → 6×6 → conv2 (k4 s2) → 2×2; the 5×5 kernel cannot fit.
        Compilation compilation = compile(spec(
                "DeepDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 8, kernel = 3, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 8, kernel = 4, stride = 2, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 8, kernel = 1, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 1,",
                "           kernel = 5, activation = SIGMOID)",
                "interface DeepDiscriminator {}"));
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        "conv4: kernel 5 does not fit the 2×2 input (padding 0); use kernel ≤ 2 or padding ≥ 2")
                .inFile(file(compilation))
                .onLine(line(6));
    }

    @Test
    void outputBelowOneIsReportedAsADilatedKernelNotFitting() {
        assertErrorOnBlock(
                oneBlock("@ConvBlock(filters = 8, kernel = 3, dilation = 3, activation = RELU)"),
                "conv2: kernel 3 (dilation 3, spanning 7) does not fit the 6×6 input (padding 0)");
    }

    @Test
    void poolWindowLargerThanItsInput() {
        assertErrorOnBlock(
                oneBlock("@ConvBlock(filters = 8, kernel = 3, stride = 2, activation = RELU, maxPool = 3)"),
                "conv2: max pool window 3 is larger than its 2×2 input; use maxPool = 2 or less, or 0 for none");
    }

    @Test
    void nonPositiveImageSizeAndLatentAreReportedOnTheirAttributes() {
        Compilation compilation = compile(spec(
                "ZeroDiscriminator",
                "@Discriminator(channels = 0,",
                "               height = -4, width = 8,",
                "               latent = 0)",
                "@ConvBlock(filters = 1, kernel = 3, activation = SIGMOID)",
                "interface ZeroDiscriminator {}"));
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining("channels must be positive, got 0")
                .inFile(file(compilation))
                .onLine(line(1));
        assertThat(compilation)
                .hadErrorContaining("height must be positive, got -4")
                .inFile(file(compilation))
                .onLine(line(2));
        assertThat(compilation)
                .hadErrorContaining("latent must be positive, got 0")
                .inFile(file(compilation))
                .onLine(line(3));
    }

    @Test
    void nonPositiveUnitsAndBadDenseDropout() {
        Compilation compilation = compile(spec(
                "DenseDiscriminator",
                "@Discriminator(channels = 1, height = 4, width = 4)",
                "@DenseBlock(units = 0, activation = RELU)",
                "@DenseBlock(units = 1, activation = SIGMOID, dropout = -0.5f)",
                "interface DenseDiscriminator {}"));
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("dense1: units must be positive, got 0")
                .inFile(file(compilation))
                .onLine(line(2));
        assertThat(compilation)
                .hadErrorContaining("dense2: dropout must be in [0, 1), got -0.5")
                .inFile(file(compilation))
                .onLine(line(3));
    }

    @Test
    void errorsInAnExplicitContainerLandOnTheNestedBlock() {
        Compilation compilation = compile(spec(
                "ContainerDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlocks({",
                "    @ConvBlock(filters = 4, kernel = 3, activation = RELU),",
                "    @ConvBlock(filters = -4, kernel = 3, activation = SIGMOID)",
                "})",
                "interface ContainerDiscriminator {}"));
        assertThat(compilation)
                .hadErrorContaining("conv2: filters must be positive")
                .inFile(file(compilation))
                .onLine(line(4));
    }

    @Test
    void annotatedClassIsNotAnInterface() {
        Compilation compilation = compile(spec(
                "ClassDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "class ClassDiscriminator {}"));
        assertThat(compilation)
                .hadErrorContaining("@Discriminator goes on an interface; ClassDiscriminator is a class")
                .inFile(file(compilation))
                .onLine(line(3));
    }

    @Test
    void annotationTypeIsNotAnInterface() {
        Compilation compilation = compile(spec(
                "AnnotationDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "@interface AnnotationDiscriminator {}"));
        assertThat(compilation)
                .hadErrorContaining("AnnotationDiscriminator is an annotation type")
                .inFile(file(compilation))
                .onLine(line(3));
    }

    @Test
    void genericInterface() {
        Compilation compilation = compile(spec(
                "GenericDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "interface GenericDiscriminator<T> {}"));
        assertThat(compilation)
                .hadErrorContaining("must not be generic")
                .inFile(file(compilation))
                .onLine(line(3));
    }

    @Test
    void nonStaticNestedClass() {
        Compilation compilation = compile(spec(
                "Outer",
                "class Outer {",
                "  @Discriminator(channels = 1, height = 8, width = 8)",
                "  @ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "  class InnerDiscriminator {}",
                "}"));
        assertThat(compilation)
                .hadErrorContaining("InnerDiscriminator is a non-static nested class")
                .inFile(file(compilation))
                .onLine(line(4));
    }

    // ---- warnings ----

    @Test
    void strideThatLeavesImageRowsUnreadNamesTheBlockAndCountsThem() {
        // 8×8 → conv1 k3 → 6×6; conv2 k3 s2 reads rows 0..4 of that map, so image row 7 (read
        // only through row 5) is never read.
        Compilation compilation = oneBlock("@ConvBlock(filters = 8, kernel = 2, stride = 2, activation = RELU)");
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(0);
        compilation = oneBlock("@ConvBlock(filters = 8, kernel = 3, stride = 2, activation = RELU)");
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining(
                        "conv2: with kernel 3, stride 2, padding 0 the discriminator never reads 1 of the image's 8"
                                + " rows and 1 of its 8 columns (15 of 64 pixels)")
                .inFile(file(compilation))
                .onLine(line(3));
    }

    @Test
    void blocksWithoutDiscriminatorAreIgnoredWithAWarning() {
        Compilation compilation =
                compile(spec("Stray", "@ConvBlock(filters = 1, kernel = 8, activation = RELU)", "interface Stray {}"));
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining("@ConvBlock has no effect without @Discriminator or @Encoder on Stray");
    }

    @Test
    void neverEndsInAStackTrace() {
        Compilation compilation = compile(spec(
                "MissingDiscriminator",
                "@Discriminator(channels = 1, height = 8)",
                "@ConvBlock(filters = 1, activation = RELU)",
                "interface MissingDiscriminator {}"));
        assertThat(compilation).failed();
        for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
            assertTrue(!d.getMessage(null).contains("Exception"), d.getMessage(null));
        }
    }

    static String source(Compilation compilation, String qualifiedName) throws IOException {
        return compilation
                .generatedSourceFile(qualifiedName)
                .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName))
                .getCharContent(true)
                .toString();
    }

    static String golden(String name) throws IOException {
        try (InputStream in = GanProcessorTest.class.getResourceAsStream("/golden/" + name + ".java")) {
            if (in == null) {
                throw new AssertionError("missing golden file golden/" + name + ".java");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
