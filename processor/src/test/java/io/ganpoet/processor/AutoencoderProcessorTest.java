package io.ganpoet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.ganpoet.processor.Sources.compile;
import static io.ganpoet.processor.Sources.line;
import static io.ganpoet.processor.Sources.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.testing.compile.Compilation;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.LayeredBlock;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Encoder} end to end: real javac, the processor, the generated encoder, decoder and
 * holder loaded and run with DJL (every layer's shape and the parameter counts against the tables),
 * and the errors at their lines.
 */
class AutoencoderProcessorTest {

    // ---- generated models ----

    /** The lecture's denoiser: three pooled 3×3 convolutions, 28 → 14 → 7 → 3, back to 1×28×28. */
    @Test
    void theLecturesDecoderLandsExactlyOn1x28x28() throws Exception {
        Compilation compilation = compile(spec(
                "LectureEncoder",
                "@Encoder(channels = 1, height = 28, width = 28, decoder = @Decoder(batchNorm = Generator.BatchNormPolicy.NONE, bias = true))",
                "@ConvBlock(filters = 32, kernel = 3, padding = 1, activation = RELU, maxPool = 2)",
                "@ConvBlock(filters = 16, kernel = 3, padding = 1, activation = RELU, maxPool = 2)",
                "@ConvBlock(filters = 8, kernel = 3, padding = 1, activation = RELU, maxPool = 2)",
                "interface LectureEncoder {}"));
        assertThat(compilation).succeededWithoutWarnings();
        String decoder = GanProcessorTest.source(compilation, "test.LectureDecoderBlock");
        assertTrue(decoder.contains("INPUT_SHAPE = new Shape(8, 3, 3)"), decoder);
        assertTrue(decoder.contains("OUTPUT_SHAPE = new Shape(1, 28, 28)"), decoder);
        assertTrue(decoder.contains("Upsample 7x7, ConvT2d 3x3 s1 p1, ReLU"), decoder);
        assertTrue(decoder.contains("Upsample 28x28, ConvT2d 3x3 s1 p1, Sigmoid"), decoder);
        String holder = GanProcessorTest.source(compilation, "test.LectureAutoencoder");
        assertTrue(holder.contains("implements AutoencoderModel"), holder);
        assertTrue(holder.contains("Encoder LectureEncoderBlock (1x28x28 to 8x3x3)"), holder);
        assertTrue(holder.contains("Decoder LectureDecoderBlock (8x3x3 to 1x28x28)"), holder);
        AutoencoderModel model = load(compilation, "test.LectureAutoencoder");
        assertEquals("Lecture", model.name());
        assertEquals(new Shape(8, 3, 3), model.latentShape());
        assertEquals(AutoencoderModel.DecoderOutput.SIGMOID, model.decoderOutput());
        assertEquals(
                List.of("conv3Mirror", "conv2Mirror", "conv1Mirror"),
                model.decoderLayers().stream().map(LayerSummary::name).toList());
        assertTablesHold(model);
    }

    /** Odd sizes: 5×5 and unpadded kernels, pooling floors 27 → 13 and 31 → 15; the mirror lands on 3×27×31. */
    @Test
    void oddSizesAndPoolingLandExactly() throws Exception {
        Compilation compilation = compile(spec(
                "OddEncoder",
                "@Encoder(channels = 3, height = 27, width = 31)",
                "@ConvBlock(filters = 8, kernel = 5, padding = 2, activation = LEAKY_RELU, maxPool = 2)",
                "@ConvBlock(filters = 4, kernel = 3, stride = 2, batchNorm = true, bias = false, activation = RELU)",
                "interface OddEncoder {}"));
        assertThat(compilation).succeeded();
        AutoencoderModel model = load(compilation, "test.OddAutoencoder");
        assertEquals(new Shape(3, 27, 31), model.imageShape());
        assertEquals(new Shape(4, 6, 7), model.latentShape()); // 27 → 13 → 6, 31 → 15 → 7
        assertTablesHold(model);
    }

    /** A dense bottleneck: the code is flat, the decoder projects it back and reshapes to the map. */
    @Test
    void aDenseBottleneckMirrorsIntoAProjectionAndAReshape() throws Exception {
        Compilation compilation = compile(spec(
                "BottleneckEncoder",
                "@Encoder(channels = 1, height = 13, width = 11, decoder = @Decoder(output = TANH))",
                "@ConvBlock(filters = 6, kernel = 3, stride = 2, padding = 1, activation = RELU)",
                "@DenseBlock(units = 10, activation = RELU)",
                "interface BottleneckEncoder {}"));
        assertThat(compilation).succeeded();
        AutoencoderModel model = load(compilation, "test.BottleneckAutoencoder");
        assertEquals(new Shape(10), model.latentShape());
        assertEquals(AutoencoderModel.DecoderOutput.TANH, model.decoderOutput());
        LayerSummary projection = model.decoderLayers().get(0);
        assertEquals("dense1Mirror", projection.name());
        assertEquals(new Shape(6, 7, 6), projection.outputShape());
        assertTrue(projection.operations().contains("Reshape 6x7x6"), projection.operations());
        assertTablesHold(model);
    }

    /** A VAE: Gaussian heads on the flattened last map, the decoder from a flat latent through a projection. */
    @Test
    void aVariationalEncoderHasTwoHeadsAndItsDecoderAProjection() throws Exception {
        Compilation compilation = compile(spec(
                "FashionVaeEncoder",
                "@Encoder(channels = 1, height = 28, width = 28, variational = true, latent = 16,",
                "        decoder = @Decoder(batchNorm = Generator.BatchNormPolicy.NONE, bias = true))",
                "@ConvBlock(filters = 16, kernel = 3, padding = 1, activation = RELU, maxPool = 2)",
                "@ConvBlock(filters = 32, kernel = 3, padding = 1, activation = RELU, maxPool = 2)",
                "interface FashionVaeEncoder {}"));
        assertThat(compilation).succeededWithoutWarnings();
        AutoencoderModel model = load(compilation, "test.FashionVaeAutoencoder");
        assertTrue(model.variational());
        assertEquals(new Shape(16), model.latentShape());
        LayerSummary heads = model.encoderLayers().get(2);
        assertEquals("heads", heads.name());
        assertEquals(2 * (1568 * 16 + 16), heads.parameters());
        assertEquals(16 * 1568 + 1568, model.decoderLayers().get(0).parameters());
        assertTablesHold(model);
    }

    /**
     * {@code @Decoder(activateProjection = false)} drops exactly the activation after the projection from the
     * latent: the decoder's source is the default one without that ReLU (in the code and in the table); the
     * convolutions keep theirs and the output its sigmoid.
     */
    @Test
    void aLinearProjectionDropsOnlyTheProjectionsActivation() throws Exception {
        String activated = decoderSource("bias = true");
        String linear = decoderSource("bias = true, activateProjection = false");
        String expected = activated
                .replace(
                        " * headsMirror  heads    Linear 1568, ReLU, Reshape 32x7x7           32x7x7        26,656         25,088\n",
                        " * headsMirror  heads    Linear 1568, Reshape 32x7x7                 32x7x7        26,656         25,088\n")
                .replace(
                        "        x = this.headsMirror.forward(parameterStore, new NDList(x), training).singletonOrThrow();\n"
                                + "        x = Activation.relu(x);\n",
                        "        x = this.headsMirror.forward(parameterStore, new NDList(x), training).singletonOrThrow();\n");
        assertTrue(!expected.equals(activated), "the default decoder has no activated projection:\n" + activated);
        assertEquals(expected, linear);
        assertTrue(linear.contains("x = Activation.relu(x);") && linear.contains("x = Activation.sigmoid(x);"), linear);
    }

    private static String decoderSource(String decoder) throws Exception {
        Compilation compilation = compile(spec(
                "Vae",
                "@Encoder(channels = 1, height = 28, width = 28, variational = true, latent = 16,",
                "        decoder = @Decoder(batchNorm = Generator.BatchNormPolicy.NONE, " + decoder + "))",
                "@ConvBlock(filters = 16, kernel = 3, padding = 1, activation = RELU, maxPool = 2)",
                "@ConvBlock(filters = 32, kernel = 3, padding = 1, activation = RELU, maxPool = 2)",
                "interface Vae {}"));
        assertThat(compilation).succeededWithoutWarnings();
        return compilation
                .generatedSourceFile("test.VaeDecoderBlock")
                .orElseThrow()
                .getCharContent(true)
                .toString();
    }

    @Test
    void aVariationalDenseStackAndADecoderName() throws Exception {
        Compilation compilation = compile(spec(
                "Small",
                "@Encoder(channels = 2, height = 9, width = 9, variational = true, latent = 3,",
                "        decoder = @Decoder(name = \"Painter\", activation = LEAKY_RELU, batchNorm = Generator.BatchNormPolicy.ALL_BUT_OUTPUT))",
                "@ConvBlock(filters = 4, kernel = 3, stride = 2, activation = RELU)",
                "@DenseBlock(units = 7, activation = RELU, batchNorm = true)",
                "interface Small {}"));
        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("test.Painter");
        AutoencoderModel model = load(compilation, "test.SmallAutoencoder");
        assertEquals(new Shape(3), model.latentShape());
        assertTablesHold(model);
    }

    @Test
    void summaryOptionPrintsBothTables() {
        Compilation compilation = compile(
                new String[] {"-Aganpoet.summary=true"},
                spec(
                        "TinyEncoder",
                        "@Encoder(channels = 1, height = 8, width = 8)",
                        "@ConvBlock(filters = 2, kernel = 3, padding = 1, activation = RELU, maxPool = 2)",
                        "interface TinyEncoder {}"));
        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("Encoder TinyEncoderBlock (1x8x8 to 2x4x4)");
        assertThat(compilation).hadNoteContaining("Decoder TinyDecoderBlock (2x4x4 to 1x8x8)");
    }

    // ---- errors, each on its line ----

    private static void assertErrorOnLine(Compilation compilation, String message, int line) {
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(message)
                .inFile(compilation.sourceFiles().get(0))
                .onLine(line(line));
    }

    @Test
    void aVariationalEncoderWithoutLatent() {
        assertErrorOnLine(
                compile(spec(
                        "NoLatentEncoder",
                        "@ConvBlock(filters = 4, kernel = 3, activation = RELU)",
                        "@Encoder(channels = 1, height = 8, width = 8, variational = true)",
                        "interface NoLatentEncoder {}")),
                "a variational encoder needs latent >= 1",
                2);
    }

    @Test
    void aNonPositiveLatent() {
        assertErrorOnLine(
                compile(spec(
                        "NegativeEncoder",
                        "@Encoder(channels = 1, height = 8, width = 8, variational = true,",
                        "        latent = -3)",
                        "@ConvBlock(filters = 4, kernel = 3, activation = RELU)",
                        "interface NegativeEncoder {}")),
                "a variational encoder needs latent >= 1 (the size of its mean and log-variance heads), got -3",
                2);
    }

    @Test
    void latentOnANonVariationalEncoder() {
        assertErrorOnLine(
                compile(spec(
                        "PlainEncoder",
                        "@Encoder(channels = 1, height = 8, width = 8,",
                        "        latent = 4)",
                        "@ConvBlock(filters = 4, kernel = 3, activation = RELU)",
                        "interface PlainEncoder {}")),
                "latent = 4 is set on a non-variational encoder",
                2);
    }

    @Test
    void aBadDecoderName() {
        assertErrorOnLine(
                compile(spec(
                        "NamedEncoder",
                        "@Encoder(channels = 1, height = 8, width = 8,",
                        "        decoder = @Decoder(name = \"a.B\"))",
                        "@ConvBlock(filters = 4, kernel = 3, activation = RELU)",
                        "interface NamedEncoder {}")),
                "decoder name 'a.B' is not a simple Java class name",
                2);
    }

    /** Found by the property test: a generator named "ai" beside a block named "Shape" did not compile. */
    @Test
    void aMirrorNamedLikeAPackageTheGeneratedCodeUsesIsRefused() {
        for (String name : new String[] {"ai", "io", "java", "javax"}) {
            assertErrorOnLine(
                    compile(spec(
                            "RootEncoder",
                            "@Encoder(channels = 1, height = 8, width = 8,",
                            "        decoder = @Decoder(name = \"" + name + "\"))",
                            "@ConvBlock(filters = 4, kernel = 3, activation = RELU)",
                            "interface RootEncoder {}")),
                    "decoder name '" + name + "' would hide the package '" + name
                            + "' that generated code names types from; choose another name",
                    2);
        }
    }

    @Test
    void aDecoderNameTakenByTheEncoder() {
        assertErrorOnLine(
                compile(spec(
                        "TakenEncoder",
                        "@Encoder(channels = 1, height = 8, width = 8,",
                        "        decoder = @Decoder(name = \"TakenEncoderBlock\"))",
                        "@ConvBlock(filters = 4, kernel = 3, activation = RELU)",
                        "interface TakenEncoder {}")),
                "decoder name 'TakenEncoderBlock' is taken by another class ganpoet generates from this spec",
                2);
    }

    @Test
    void aDecoderNamedLikeAConstantOfTheHolder() {
        assertErrorOnLine(
                compile(spec(
                        "SummaryEncoder",
                        "@Encoder(channels = 1, height = 8, width = 8,",
                        "        decoder = @Decoder(name = \"SUMMARY\"))",
                        "@ConvBlock(filters = 4, kernel = 3, activation = RELU)",
                        "interface SummaryEncoder {}")),
                "decoder name 'SUMMARY' is a constant of the generated SummaryAutoencoder, which refers to the decoder"
                        + " by its simple name; choose another name",
                2);
    }

    @Test
    void aBlockNamedLikeTheHeads() {
        assertErrorOnLine(
                compile(spec(
                        "HeadsEncoder",
                        "@Encoder(channels = 1, height = 8, width = 8, variational = true, latent = 2)",
                        "@ConvBlock(filters = 4, kernel = 3, activation = RELU, name = \"heads\")",
                        "interface HeadsEncoder {}")),
                "block name 'heads' is taken by the variational encoder's Gaussian heads",
                2);
    }

    @Test
    void aBadBlockIsReportedOnItsLine() {
        assertErrorOnLine(
                compile(spec(
                        "BadEncoder",
                        "@Encoder(channels = 1, height = 8, width = 8)",
                        "@ConvBlock(filters = 4, kernel = 3, activation = RELU)",
                        "@ConvBlock(filters = 0, kernel = 3, activation = RELU)",
                        "interface BadEncoder {}")),
                "conv2: filters must be positive, got 0",
                3);
    }

    @Test
    void anEncoderOnAClass() {
        Compilation compilation = compile(spec(
                "ClassEncoder",
                "@Encoder(channels = 1, height = 8, width = 8)",
                "@ConvBlock(filters = 4, kernel = 3, activation = RELU)",
                "class ClassEncoder {}"));
        assertThat(compilation).hadErrorContaining("@Encoder goes on an interface; ClassEncoder is a class");
    }

    // ---- helpers ----

    /** Runs both blocks layer by layer; each layer's shape and the parameter totals against the tables. */
    static void assertTablesHold(AutoencoderModel model) {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(m, false);
            LayeredBlock encoder = (LayeredBlock) model.newEncoder();
            LayeredBlock decoder = (LayeredBlock) model.newDecoder();
            encoder.initialize(m, DataType.FLOAT32, model.imageShape(2));
            decoder.initialize(m, DataType.FLOAT32, model.latentShape(2));
            NDArray x = m.randomUniform(0f, 1f, model.imageShape(2));
            walk(store, encoder, model.encoderLayers(), x, model.name() + " encoder");
            NDList code = encoder.forward(store, new NDList(x), false);
            assertEquals(model.variational() ? 2 : 1, code.size());
            for (NDArray part : code) {
                assertEquals(model.latentShape(2), part.getShape(), model.name() + " code");
            }
            walk(store, decoder, model.decoderLayers(), code.get(0), model.name() + " decoder");
            NDArray image =
                    decoder.forward(store, new NDList(code.get(0)), false).singletonOrThrow();
            assertEquals(model.imageShape(2), image.getShape(), model.name() + " decoder output");
            if (model.decoderOutput() == AutoencoderModel.DecoderOutput.SIGMOID) {
                assertTrue(image.min().getFloat() >= 0f && image.max().getFloat() <= 1f, "sigmoid output");
            }
            assertEquals(sum(model.encoderLayers()), parameters(encoder), model.name() + " encoder parameters");
            assertEquals(sum(model.decoderLayers()), parameters(decoder), model.name() + " decoder parameters");
        }
    }

    private static void walk(
            ParameterStore store, LayeredBlock block, List<LayerSummary> table, NDArray x, String what) {
        assertEquals(table.size(), block.layerCount(), what);
        for (int k = 1; k <= table.size(); k++) {
            Shape actual = block.forwardLayers(store, x, false, k).getShape();
            LayerSummary row = table.get(k - 1);
            assertEquals(new Shape(x.getShape().get(0)).addAll(row.outputShape()), actual, what + " " + row.name());
        }
    }

    private static long sum(List<LayerSummary> table) {
        return table.stream().mapToLong(LayerSummary::parameters).sum();
    }

    /** Parameters as the tables count them: batch norm's running statistics are not parameters. */
    private static long parameters(LayeredBlock block) {
        return block.getParameters().stream()
                .filter(p -> !p.getKey().contains("running"))
                .mapToLong(p -> p.getValue().getArray().size())
                .sum();
    }

    /** The generated classes of a compilation, loaded, and the holder instantiated. */
    static AutoencoderModel load(Compilation compilation, String holder) throws Exception {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : compilation.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String name = f.toUri().getPath();
                name = name.substring(name.indexOf("/test/") + 1, name.length() - ".class".length())
                        .replace('/', '.');
                try (InputStream in = f.openInputStream()) {
                    classes.put(name, in.readAllBytes());
                }
            }
        }
        ClassLoader loader = new ClassLoader(AutoencoderProcessorTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        return (AutoencoderModel) loader.loadClass(holder).getConstructor().newInstance();
    }
}
