package io.ganpoet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.ganpoet.processor.Sources.compile;
import static io.ganpoet.processor.Sources.line;
import static io.ganpoet.processor.Sources.spec;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: every spec the processor accepts generates sources that compile, whatever names and
 * numbers it holds; what it cannot generate is an error on the spec's own line.
 */
class CompileSafetyTest {

    /** Words the generated code itself uses: locals, parameters, types, java.lang, restricted identifiers. */
    static final List<String> GENERATED_WORDS = List.of(
            "x",
            "input",
            "inputs",
            "batch",
            "training",
            "parameterStore",
            "params",
            "manager",
            "dataType",
            "inputShapes",
            "sample",
            "layers",
            "finalSigmoid",
            "run",
            "logits",
            "children",
            "parameters",
            "version",
            "Activation",
            "Shape",
            "NDList",
            "NDArray",
            "Conv2d",
            "Linear",
            "BatchNorm",
            "Pool",
            "Dropout",
            "Upsampling",
            "TransposedConv2d",
            "String",
            "Override",
            "Object",
            "List",
            "IllegalArgumentException",
            "LayerSummary",
            "GanModel",
            "Generated",
            "var",
            "yield",
            "record",
            "sealed",
            "permits");

    private static JavaFileObject file(Compilation compilation) {
        return compilation.sourceFiles().get(0);
    }

    @Test
    void layersNamedLikeTheGeneratedCodesOwnWordsCompile() {
        List<String> lines = new ArrayList<>();
        lines.add("@Discriminator(channels = 1, height = 4, width = 4, latent = 3,");
        lines.add("        generator = @Generator(name = \"Override\", batchNorm = Generator.BatchNormPolicy.MIRROR))");
        int conv = GENERATED_WORDS.size() - 4;
        for (int i = 0; i < conv; i++) {
            lines.add("@ConvBlock(filters = 2, kernel = 1, batchNorm = true, bias = false, activation = LEAKY_RELU,"
                    + " maxPool = " + (i == 0 ? 2 : 0) + ", dropout = 0.1f, name = \"" + GENERATED_WORDS.get(i)
                    + "\")");
        }
        for (int i = conv; i < GENERATED_WORDS.size(); i++) {
            lines.add("@DenseBlock(units = 3, batchNorm = true, bias = false, activation = "
                    + (i == GENERATED_WORDS.size() - 1 ? "SIGMOID" : "RELU") + ", name = \"" + GENERATED_WORDS.get(i)
                    + "\")");
        }
        lines.add("interface WordsDiscriminator {}");
        Compilation compilation = compile(spec("WordsDiscriminator", lines.toArray(String[]::new)));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.Override");
        assertThat(compilation).generatedSourceFile("test.WordsGan");
    }

    @Test
    void specAndPackageTypesShadowingJavaLangStillCompile() {
        Compilation compilation = compile(
                spec(
                        "String",
                        "@Discriminator(channels = 1, height = 4, width = 4, generator = @Generator(name = \"Object\"))",
                        "@ConvBlock(filters = 1, kernel = 4, activation = SIGMOID, name = \"Shape\")",
                        "interface String {}"),
                JavaFileObjects.forSourceString("test.Override", "package test; class Override {}"),
                JavaFileObjects.forSourceString(
                        "test.IllegalArgumentException", "package test; class IllegalArgumentException {}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.StringGan");
    }

    @Test
    void namesTakenByTheGeneratedBlocksConstantsAreErrorsOnTheirLine() {
        Compilation compilation = compile(spec(
                "ConstDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 4, kernel = 3, activation = RELU, name = \"LAYERS\")",
                "@ConvBlock(filters = 4, kernel = 3, activation = RELU, name = \"INPUT_SHAPE\")",
                "@ConvBlock(filters = 1, kernel = 4, activation = SIGMOID, name = \"VERSION\")",
                "interface ConstDiscriminator {}"));
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining("conv block 1: name 'LAYERS' would declare the field 'LAYERS', which generated"
                        + " blocks use for their own constant")
                .inFile(file(compilation))
                .onLine(line(2));
        assertThat(compilation)
                .hadErrorContaining("name 'INPUT_SHAPE'")
                .inFile(file(compilation))
                .onLine(line(3));
        assertThat(compilation)
                .hadErrorContaining("name 'VERSION'")
                .inFile(file(compilation))
                .onLine(line(4));
    }

    @Test
    void nonFiniteSlopesAreErrorsThatReadAsJava() {
        Compilation compilation = compile(spec(
                "NanDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8,",
                "        generator = @Generator(leakySlope = Float.NEGATIVE_INFINITY))",
                "@ConvBlock(filters = 4, kernel = 3, activation = LEAKY_RELU, leakySlope = 0f / 0f)",
                "@ConvBlock(filters = 1, kernel = 6, activation = SIGMOID, dropout = Float.NaN)",
                "@DenseBlock(units = 1, activation = NONE, leakySlope = Float.POSITIVE_INFINITY)",
                "interface NanDiscriminator {}"));
        assertThat(compilation).hadErrorCount(4);
        assertThat(compilation)
                .hadErrorContaining("@Generator: leakySlope must be a finite number, got -Infinity")
                .inFile(file(compilation))
                .onLine(line(2));
        assertThat(compilation)
                .hadErrorContaining("conv1: leakySlope must be a finite number, got NaN")
                .inFile(file(compilation))
                .onLine(line(3));
        assertThat(compilation)
                .hadErrorContaining("conv2: dropout must be in [0, 1), got NaN")
                .inFile(file(compilation))
                .onLine(line(4));
        assertThat(compilation)
                .hadErrorContaining("dense1: leakySlope must be a finite number, got Infinity")
                .inFile(file(compilation))
                .onLine(line(5));
    }

    @Test
    void sizesPastTheLimitsAreErrorsOnTheirAttribute() {
        Compilation compilation = compile(spec(
                "HugeDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8,",
                "        latent = Integer.MAX_VALUE)",
                "@ConvBlock(filters = 4, kernel = 3, padding = 1500000000, activation = RELU)",
                "@DenseBlock(units = 2000000000, activation = NONE)",
                "interface HugeDiscriminator {}"));
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining("latent 2147483647 is too large; ganpoet supports at most 65536")
                .inFile(file(compilation))
                .onLine(line(2));
        assertThat(compilation)
                .hadErrorContaining("conv1: padding 1500000000 is too large")
                .inFile(file(compilation))
                .onLine(line(3));
        assertThat(compilation)
                .hadErrorContaining("dense1: units 2000000000 is too large")
                .inFile(file(compilation))
                .onLine(line(4));
    }

    @Test
    void tensorsPastIntAreErrorsOnTheBlock() {
        Compilation compilation = compile(
                spec(
                        "WideDiscriminator",
                        "@Discriminator(channels = 3, height = 60000, width = 60000)",
                        "interface WideDiscriminator {}"),
                spec(
                        "DeepDiscriminator",
                        "@Discriminator(channels = 1, height = 256, width = 256)",
                        "@ConvBlock(filters = 60000, kernel = 1, activation = RELU)",
                        "@DenseBlock(units = 1, activation = SIGMOID)",
                        "interface DeepDiscriminator {}"),
                spec(
                        "ProjectedDiscriminator",
                        "@Discriminator(channels = 1, height = 64, width = 64)",
                        "@ConvBlock(filters = 60000, kernel = 1, activation = RELU)",
                        "@DenseBlock(units = 1, activation = SIGMOID)",
                        "interface ProjectedDiscriminator {}"));
        assertThat(compilation).hadErrorCount(4);
        assertThat(compilation)
                .hadErrorContaining("a 3×60000×60000 input has 10800000000 elements per sample; ganpoet supports at"
                        + " most 2147483647")
                .inFile(compilation.sourceFiles().get(0))
                .onLine(line(1));
        assertThat(compilation)
                .hadErrorContaining("conv1: the 60000×256×256 tensor has 3932160000 elements per sample")
                .inFile(compilation.sourceFiles().get(1))
                .onLine(line(2));
        assertThat(compilation)
                .hadErrorContaining("dense1 (in the generator, dense1Mirror): 25067520000 parameters in one layer;"
                        + " ganpoet supports at most 2147483647")
                .inFile(compilation.sourceFiles().get(2))
                .onLine(line(3));
    }

    @Test
    void generatorNamesThatCannotBeGeneratedAreErrorsOnTheName() {
        for (String name :
                List.of("gen.MyGen", "BadDiscriminatorBlock", "BadGan", "BadDiscriminator", "class", "var")) {
            Compilation compilation = compile(spec(
                    "BadDiscriminator",
                    "@Discriminator(channels = 1, height = 8, width = 8,",
                    "        generator = @Generator(name = \"" + name + "\"))",
                    "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                    "interface BadDiscriminator {}"));
            assertThat(compilation).hadErrorCount(1);
            assertThat(compilation)
                    .hadErrorContaining("generator name '" + name + "'")
                    .inFile(file(compilation))
                    .onLine(line(2));
        }
    }

    @Test
    void twoNestedSpecsOfOneNameGiveOneError() {
        Compilation compilation = compile(spec(
                "Holder",
                "class Holder {",
                "    static class A {",
                "        @Discriminator(channels = 1, height = 8, width = 8)",
                "        @ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "        interface TwinDiscriminator {}",
                "    }",
                "    static class B {",
                "        @Discriminator(channels = 1, height = 8, width = 8)",
                "        @ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "        interface TwinDiscriminator {}",
                "    }",
                "}"));
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        "generated classes test.TwinDiscriminatorBlock, test.TwinGeneratorBlock and test.TwinGan are"
                                + " also generated by another @Discriminator spec, test.Holder.A.TwinDiscriminator")
                .inFile(file(compilation))
                .onLine(line(10));
    }

    // ---- receptive field ----

    @Test
    void aStrideLargerThanTheKernelLeavesPixelsUnread() {
        Compilation compilation = compile(spec(
                "SparseDiscriminator",
                "@Discriminator(channels = 1, height = 9, width = 9)",
                "@ConvBlock(filters = 4, kernel = 1, stride = 4, activation = RELU)",
                "@ConvBlock(filters = 1, kernel = 3, activation = SIGMOID)",
                "interface SparseDiscriminator {}"));
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("conv1: with kernel 1, stride 4, padding 0 the discriminator never reads 6 of"
                        + " the image's 9 rows and 6 of its 9 columns (72 of 81 pixels)")
                .inFile(file(compilation))
                .onLine(line(2));
    }

    @Test
    void aDilatedKernelWithAnEvenStrideSkipsEveryOtherRow() {
        Compilation compilation = compile(spec(
                "DilatedDiscriminator",
                "@Discriminator(channels = 1, height = 9, width = 9)",
                "@ConvBlock(filters = 4, kernel = 3, stride = 2, dilation = 2, activation = RELU)",
                "@ConvBlock(filters = 1, kernel = 3, activation = SIGMOID)",
                "interface DilatedDiscriminator {}"));
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("conv1: with kernel 3, stride 2, padding 0, dilation 2 the discriminator never"
                        + " reads 4 of the image's 9 rows and 4 of its 9 columns (56 of 81 pixels)")
                .inFile(file(compilation))
                .onLine(line(2));
    }

    @Test
    void aStageThatReadsOnlyPaddingIsAnError() {
        Compilation compilation = compile(spec(
                "PaddingDiscriminator",
                "@Discriminator(channels = 1, height = 1, width = 1)",
                "@ConvBlock(filters = 1, kernel = 1, stride = 2, padding = 1, activation = SIGMOID)",
                "interface PaddingDiscriminator {}"));
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        "conv1: every window of kernel 1, stride 2, padding 1 on the 1×1 input reads only" + " padding")
                .inFile(file(compilation))
                .onLine(line(2));
    }

    @Test
    void unreadPaddingAloneIsNotWorthAWarning() {
        // k3 s2 p1 and k5 s2 p2 on even sides leave the last padding row unread: nothing of the image.
        Compilation compilation = compile(spec(
                "EvenDiscriminator",
                "@Discriminator(channels = 3, height = 96, width = 80)",
                "@ConvBlock(filters = 8, kernel = 3, stride = 2, padding = 1, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 8, kernel = 5, stride = 2, padding = 2, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 1, kernel = 3, stride = 2, padding = 1, activation = SIGMOID)",
                "interface EvenDiscriminator {}"));
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aPoolThatDropsPixelsIsBlamedOnItsWindow() {
        // 1×5×5, conv k1 keeps 5×5, pool 2 reads rows 0..3: image row 4 is never read.
        Compilation compilation = compile(spec(
                "PoolDiscriminator",
                "@Discriminator(channels = 1, height = 5, width = 5)",
                "@ConvBlock(filters = 4, kernel = 1, activation = RELU,",
                "        maxPool = 2)",
                "@ConvBlock(filters = 1, kernel = 2, activation = SIGMOID)",
                "interface PoolDiscriminator {}"));
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("conv1: with its max pool 2 on the 5×5 map the discriminator never reads 1 of"
                        + " the image's 5 rows and 1 of its 5 columns (9 of 25 pixels)")
                .inFile(file(compilation))
                .onLine(line(3));
    }
}
