package io.ganpoet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.ganpoet.processor.Sources.compile;
import static io.ganpoet.processor.Sources.line;
import static io.ganpoet.processor.Sources.spec;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The rules across a spec, by line: every problem of a spec in one compile (values and shapes
 * together), the written order of blocks, slopes that keep a network finite, and names that clash.
 */
class SpecRulesTest {

    private static JavaFileObject file(Compilation compilation) {
        return compilation.sourceFiles().get(0);
    }

    @Test
    void aBadValueAndAKernelThatDoesNotFitAreBothReportedInOneCompile() {
        Compilation compilation = compile(spec(
                "BothDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 4, kernel = 3, padding = 1, activation = RELU, dropout = 1.5f)",
                "@ConvBlock(filters = 1, kernel = 9, activation = SIGMOID)",
                "interface BothDiscriminator {}"));
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("conv1: dropout must be in [0, 1), got 1.5")
                .inFile(file(compilation))
                .onLine(line(2));
        assertThat(compilation)
                .hadErrorContaining("conv2: kernel 9 does not fit the 8×8 input (padding 0); use kernel ≤ 8")
                .inFile(file(compilation))
                .onLine(line(3));
    }

    @Test
    void anEncodersBadSlopeAndItsShapeErrorComeTogether() {
        Compilation compilation = compile(spec(
                "PairEncoder",
                "@Encoder(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 4, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU, leakySlope = 3f)",
                "@ConvBlock(filters = 4, kernel = 4, stride = 2, padding = 1, maxPool = 4, activation = RELU)",
                "interface PairEncoder {}"));
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("conv1: leakySlope must be in [-1, 1], got 3")
                .inFile(file(compilation))
                .onLine(line(2));
        assertThat(compilation)
                .hadErrorContaining("conv2: max pool window 4 is larger than its 2×2 input")
                .inFile(file(compilation))
                .onLine(line(3));
    }

    @Test
    void aDenseBlockWrittenBetweenConvBlocksIsRefusedOnItsLine() {
        Compilation compilation = compile(spec(
                "OrderDiscriminator",
                "@Discriminator(channels = 1, height = 16, width = 16)",
                "@ConvBlock(filters = 4, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)",
                "@DenseBlock(units = 3, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "interface OrderDiscriminator {}"));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("dense1: this @DenseBlock is written above conv block 2, but dense blocks run after"
                        + " every conv block (they flatten the feature map); move it below the last @ConvBlock")
                .inFile(file(compilation))
                .onLine(line(3));
    }

    @Test
    void denseBlocksWrittenAfterEveryConvBlockAreAccepted() {
        Compilation compilation = compile(spec(
                "AfterDiscriminator",
                "@Discriminator(channels = 1, height = 16, width = 16)",
                "@ConvBlock(filters = 4, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 4, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)",
                "@DenseBlock(units = 8, activation = LEAKY_RELU)",
                "@DenseBlock(units = 1, activation = SIGMOID)",
                "interface AfterDiscriminator {}"));
        assertThat(compilation).succeeded();
    }

    @Test
    void slopesThatWouldOverflowAreRefusedOnTheirAttribute() {
        Compilation compilation = compile(
                spec(
                        "SlopeDiscriminator",
                        "@Discriminator(channels = 1, height = 8, width = 8,",
                        "        generator = @Generator(leakySlope = -Float.MAX_VALUE))",
                        "@ConvBlock(filters = 1, kernel = 8, activation = ELU, leakySlope = 1.5f)",
                        "interface SlopeDiscriminator {}"),
                spec(
                        "SlopeEncoder",
                        "@Encoder(channels = 1, height = 8, width = 8, decoder = @Decoder(leakySlope = -2f))",
                        "@ConvBlock(filters = 1, kernel = 8, activation = RELU, leakySlope = -1f)",
                        "interface SlopeEncoder {}"));
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining("@Generator: leakySlope must be in [-1, 1], got -3.4028235e38; a larger slope or"
                        + " alpha multiplies activations at every layer until they overflow")
                .inFile(compilation.sourceFiles().get(0))
                .onLine(line(2));
        assertThat(compilation)
                .hadErrorContaining("conv1: leakySlope must be in [-1, 1], got 1.5")
                .inFile(compilation.sourceFiles().get(0))
                .onLine(line(3));
        assertThat(compilation)
                .hadErrorContaining("@Decoder: leakySlope must be in [-1, 1], got -2")
                .inFile(compilation.sourceFiles().get(1))
                .onLine(line(1));
    }

    @Test
    void aClashOfTheGeneratorAloneSuggestsTheNameOption() {
        Compilation compilation = compile(
                spec(
                        "AlphaDiscriminator",
                        "@Discriminator(channels = 1, height = 8, width = 8, generator = @Generator(name = \"Painter\"))",
                        "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                        "interface AlphaDiscriminator {}"),
                spec(
                        "BetaDiscriminator",
                        "@Discriminator(channels = 1, height = 8, width = 8, generator = @Generator(name = \"Painter\"))",
                        "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                        "interface BetaDiscriminator {}"));
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("generated class test.Painter is also generated by another @Discriminator spec,"
                        + " test.AlphaDiscriminator; rename one interface or set @Generator(name = ...)");
    }

    @Test
    void generatedNameClashingWithAnExistingType() {
        Compilation compilation = compile(spec(
                "ClashDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "interface ClashDiscriminator {}",
                "class ClashGan {}"));
        assertThat(compilation)
                .hadErrorContaining("generated class test.ClashGan clashes with an existing type of that name")
                .inFile(file(compilation))
                .onLine(line(3));
    }

    @Test
    void twoSpecsGeneratingTheSameClass() {
        Compilation compilation = compile(
                spec(
                        "Twin",
                        "@Discriminator(channels = 1, height = 8, width = 8)",
                        "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                        "interface Twin {}"),
                spec(
                        "TwinDiscriminator",
                        "@Discriminator(channels = 1, height = 8, width = 8)",
                        "@ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                        "interface TwinDiscriminator {}"));
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        "generated classes test.TwinDiscriminatorBlock, test.TwinGeneratorBlock and test.TwinGan are"
                                + " also generated by another @Discriminator spec");
        // @Generator(name = ...) would rename the generator only: the error says what resolves it
        assertThat(compilation)
                .hadErrorContaining("; rename one interface: both give the base name 'Twin' (a trailing"
                        + " 'Discriminator' is dropped), which names the generated classes");
        assertTrue(
                compilation.errors().stream().noneMatch(e -> e.getMessage(null).contains("@Generator(name")));
    }

    @Test
    void duplicateAndInvalidLayerNames() {
        Compilation compilation = compile(spec(
                "NamesDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 4, kernel = 3, activation = RELU, name = \"features\")",
                "@ConvBlock(filters = 4, kernel = 3, activation = RELU, name = \"features\")",
                "@ConvBlock(filters = 1, kernel = 4, activation = SIGMOID, name = \"not-a-name\")",
                "interface NamesDiscriminator {}"));
        assertThat(compilation)
                .hadErrorContaining("name 'features' clashes with conv block 1")
                .inFile(file(compilation))
                .onLine(line(3));
        assertThat(compilation)
                .hadErrorContaining("name 'not-a-name' is not a Java identifier")
                .inFile(file(compilation))
                .onLine(line(4));
    }

    @Test
    void everyProblemOfEverySpecIsReportedInOneCompilation() {
        Compilation compilation = compile(
                new String[] {"-Aganpoet.summary=true"},
                spec(
                        "FirstDiscriminator",
                        "@Discriminator(channels = 1, height = 8, width = 8)",
                        "@ConvBlock(filters = 0, kernel = 3, activation = RELU)",
                        "@ConvBlock(filters = 1, kernel = 3, stride = -1, activation = SIGMOID)",
                        "interface FirstDiscriminator {}"),
                spec(
                        "SecondDiscriminator",
                        "@Discriminator(channels = 1, height = 8, width = 8)",
                        "@ConvBlock(filters = 1, kernel = 9, activation = SIGMOID)",
                        "interface SecondDiscriminator {}"),
                Sources.dcgan());
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining("conv1: filters must be positive")
                .inFile(compilation.sourceFiles().get(0))
                .onLine(line(2));
        assertThat(compilation)
                .hadErrorContaining("conv2: stride must be positive")
                .inFile(compilation.sourceFiles().get(0))
                .onLine(line(3));
        assertThat(compilation)
                .hadErrorContaining("conv1: kernel 9 does not fit the 8×8 input")
                .inFile(compilation.sourceFiles().get(1))
                .onLine(line(2));
        // The valid spec alongside is still processed (javac discards outputs of a failed compile).
        assertThat(compilation).hadNoteContaining("Discriminator DcganDiscriminatorBlock");
    }

    @Test
    void specWithoutBlocks() {
        Compilation compilation = compile(spec(
                "EmptyDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "interface EmptyDiscriminator {}"));
        assertThat(compilation)
                .hadErrorContaining("declares no @ConvBlock or @DenseBlock")
                .inFile(file(compilation))
                .onLine(line(2));
    }

    @Test
    void lastActivationOtherThanSigmoidOrNone() {
        Compilation compilation = compile(spec(
                "ReluDiscriminator",
                "@Discriminator(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 1, kernel = 8, activation = RELU)",
                "interface ReluDiscriminator {}"));
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining("conv1: the discriminator's last activation is RELU")
                .inFile(file(compilation))
                .onLine(line(2));
    }

    @Test
    void biasFollowedByBatchNormIsRedundant() {
        Compilation compilation =
                GanProcessorTest.oneBlock("@ConvBlock(filters = 8, kernel = 3, batchNorm = true, activation = RELU)");
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining(
                        "conv2: the bias is redundant before batch norm, which subtracts the mean; set bias = false")
                .inFile(file(compilation))
                .onLine(line(3));
    }
}
