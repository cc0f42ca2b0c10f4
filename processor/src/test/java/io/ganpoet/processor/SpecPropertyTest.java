package io.ganpoet.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.LayeredBlock;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random specs through the real processor and javac: names drawn from Java identifiers including
 * the generated code's own words, non-finite and extreme floats, sizes up to and past {@code int}.
 * For each: no exception and no internal error; a rejected spec has its errors in the spec's own
 * file; an accepted spec's generated sources compile; and for accepted specs with small sizes, the
 * generated blocks run in DJL with every layer's shape equal to the compile-time table and G(z)
 * of the image's shape.
 *
 * <p>Tries come from {@code jqwik.tries.default} ({@code junit-platform.properties}: a quick slice);
 * {@code -Djqwik.tries.default=2000} runs a long one. The counts are printed at the end.
 */
class SpecPropertyTest {

    private static final Map<String, AtomicInteger> COUNTS = new java.util.TreeMap<>();

    private static void count(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    @AfterContainer
    static void report() {
        System.out.println("SpecPropertyTest counts: " + COUNTS);
    }

    // ---- random specs ----

    static final String[] ACTIVATIONS = {
        "NONE", "RELU", "LEAKY_RELU", "ELU", "SELU", "GELU", "SIGMOID", "TANH", "SOFTPLUS"
    };
    static final String[] POLICIES = {"ALL_BUT_OUTPUT", "MIRROR", "NONE"};
    static final String[] ODD_NAMES = {
        "a-b",
        "1x",
        "LAYERS",
        "INPUT_SHAPE",
        "OUTPUT_SHAPE",
        "VERSION",
        "class",
        "_",
        "gen.MyGen",
        "CLASSES",
        "labelMaps",
        "labelEmbedding",
        "labels",
        "io",
        "ai",
        "LATENT",
        "SUMMARY"
    };

    record Conv(
            String name,
            int filters,
            int kernel,
            int stride,
            int padding,
            int dilation,
            int pool,
            float slope,
            float dropout,
            String act,
            boolean bn,
            boolean bias,
            boolean sn) {}

    record Dense(String name, int units, String act, float slope, float dropout, boolean bn, boolean bias) {}

    record Spec(
            int channels,
            int height,
            int width,
            int latent,
            int classes,
            int labelEmbedding,
            String genName,
            String genAct,
            String genOut,
            float genSlope,
            String policy,
            List<Conv> convs,
            List<Dense> denses) {}

    @Provide
    Arbitrary<Spec> specs() {
        return Arbitraries.randomValue(SpecPropertyTest::spec);
    }

    static Spec spec(Random r) {
        List<Conv> convs = new ArrayList<>();
        int nConv = r.nextInt(5);
        for (int i = 0; i < nConv; i++) {
            convs.add(new Conv(
                    name(r),
                    size(r, 1, 6),
                    size(r, 1, 5),
                    size(r, 1, 3),
                    small(r, 0, 2),
                    small(r, 1, 2),
                    pick(r, 0, 0, 0, 0, 2, 3),
                    slope(r),
                    dropout(r),
                    act(r),
                    r.nextInt(3) == 0,
                    r.nextBoolean(),
                    r.nextInt(6) == 0));
        }
        List<Dense> denses = new ArrayList<>();
        int nDense = nConv == 0 ? 1 + r.nextInt(2) : r.nextInt(3);
        for (int i = 0; i < nDense; i++) {
            denses.add(new Dense(
                    name(r), size(r, 1, 12), act(r), slope(r), dropout(r), r.nextInt(3) == 0, r.nextBoolean()));
        }
        if (r.nextInt(4) != 0) { // usually end in a usual head
            int last = denses.isEmpty() ? -1 : denses.size() - 1;
            if (last >= 0) {
                Dense d = denses.get(last);
                denses.set(
                        last,
                        new Dense(
                                d.name(),
                                d.units(),
                                r.nextBoolean() ? "SIGMOID" : "NONE",
                                d.slope(),
                                d.dropout(),
                                d.bn(),
                                d.bias()));
            } else {
                Conv c = convs.get(convs.size() - 1);
                convs.set(
                        convs.size() - 1,
                        new Conv(
                                c.name(),
                                c.filters(),
                                c.kernel(),
                                c.stride(),
                                c.padding(),
                                c.dilation(),
                                c.pool(),
                                c.slope(),
                                c.dropout(),
                                r.nextBoolean() ? "SIGMOID" : "NONE",
                                c.bn(),
                                c.bias(),
                                c.sn()));
            }
        }
        String genName = r.nextInt(4) == 0 ? name(r) : "";
        // a third conditional: mostly a usual class count, sometimes an edge (-1, 1, past the limits)
        int classes = r.nextInt(3) != 0 ? 0 : r.nextInt(10) == 0 ? pick(r, -1, 1, 65_537) : size(r, 2, 12);
        return new Spec(
                size(r, 1, 3),
                size(r, 1, 32),
                size(r, 1, 32),
                size(r, 1, 16),
                classes,
                size(r, 1, 20),
                genName,
                act(r),
                act(r),
                slope(r),
                POLICIES[r.nextInt(3)],
                convs,
                denses);
    }

    /** Mostly small, sometimes an edge: 0, negative, the limits, past them, int's maximum. */
    static int size(Random r, int min, int max) {
        if (r.nextInt(60) != 0) {
            return min + r.nextInt(max - min + 1);
        }
        return pick(r, 0, -1, 65_536, 65_537, 1_000_000, 1_500_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE);
    }

    static int small(Random r, int min, int max) {
        return r.nextInt(40) == 0
                ? pick(r, -1, 65_536, 1_500_000_000, Integer.MAX_VALUE)
                : min + r.nextInt(max - min + 1);
    }

    static float slope(Random r) {
        return r.nextInt(30) != 0
                ? 0.2f
                : new float[] {
                            Float.NaN,
                            Float.POSITIVE_INFINITY,
                            Float.NEGATIVE_INFINITY,
                            -0f,
                            1e-40f,
                            Float.MAX_VALUE,
                            -3f,
                            0.01f
                        }
                        [r.nextInt(8)];
    }

    static float dropout(Random r) {
        return r.nextInt(4) != 0
                ? 0f
                : new float[] {0.25f, 0.5f, 0.999f, 0.1f, 1e-30f, Float.NaN, 1f, -0.1f}
                        [r.nextInt(r.nextInt(5) == 0 ? 8 : 5)];
    }

    static String act(Random r) {
        return ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
    }

    static String name(Random r) {
        int kind = r.nextInt(20);
        if (kind < 10) {
            return "";
        }
        if (kind < 17) {
            return CompileSafetyTest.GENERATED_WORDS.get(r.nextInt(CompileSafetyTest.GENERATED_WORDS.size()));
        }
        if (kind < 18) {
            return ODD_NAMES[r.nextInt(ODD_NAMES.length)];
        }
        StringBuilder id = new StringBuilder().append((char) ('a' + r.nextInt(26)));
        for (int i = r.nextInt(6); i > 0; i--) {
            id.append("abcXYZ_$019".charAt(r.nextInt(11)));
        }
        return id.toString();
    }

    static int pick(Random r, int... values) {
        return values[r.nextInt(values.length)];
    }

    /** A float as source: literals for finite values, expressions for the rest. */
    static String javaFloat(float f) {
        if (Float.isNaN(f)) {
            return "0f / 0f";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
        }
        return Float.toString(f) + "f";
    }

    static String source(Spec s) {
        StringBuilder b = new StringBuilder("package test;\n\nimport io.ganpoet.spec.*;\n\n");
        b.append(String.format(
                Locale.ROOT,
                "@Discriminator(channels = %d, height = %d, width = %d, latent = %d,%n"
                        + "    classes = %d, labelEmbedding = %d,%n"
                        + "    generator = @Generator(name = \"%s\", activation = Activation.%s, output = Activation.%s,"
                        + " leakySlope = %s, batchNorm = Generator.BatchNormPolicy.%s))%n",
                s.channels(),
                s.height(),
                s.width(),
                s.latent(),
                s.classes(),
                s.labelEmbedding(),
                s.genName(),
                s.genAct(),
                s.genOut(),
                javaFloat(s.genSlope()),
                s.policy()));
        for (Conv c : s.convs()) {
            b.append(String.format(
                    Locale.ROOT,
                    "@ConvBlock(name = \"%s\", filters = %d, kernel = %d, stride = %d, padding = %d, dilation = %d,"
                            + " maxPool = %d, leakySlope = %s, dropout = %s, activation = Activation.%s,"
                            + " batchNorm = %b, bias = %b, spectralNorm = %b)%n",
                    c.name(),
                    c.filters(),
                    c.kernel(),
                    c.stride(),
                    c.padding(),
                    c.dilation(),
                    c.pool(),
                    javaFloat(c.slope()),
                    javaFloat(c.dropout()),
                    c.act(),
                    c.bn(),
                    c.bias(),
                    c.sn()));
        }
        for (Dense d : s.denses()) {
            b.append(String.format(
                    Locale.ROOT,
                    "@DenseBlock(name = \"%s\", units = %d, leakySlope = %s, dropout = %s, activation = Activation.%s,"
                            + " batchNorm = %b, bias = %b)%n",
                    d.name(),
                    d.units(),
                    javaFloat(d.slope()),
                    javaFloat(d.dropout()),
                    d.act(),
                    d.bn(),
                    d.bias()));
        }
        return b.append("interface RandomDiscriminator {}\n").toString();
    }

    // ---- the property ----

    @Property
    void everyAcceptedSpecCompilesAndRunsWithItsCompileTimeShapes(@ForAll("specs") Spec spec) throws Exception {
        String text = source(spec);
        JavaFileObject file = JavaFileObjects.forSourceString("test.RandomDiscriminator", text);
        Compilation compilation;
        try {
            compilation = Compiler.javac().withProcessors(new GanProcessor()).compile(file);
        } catch (RuntimeException e) {
            count("crashes");
            throw new AssertionError("the compiler threw on\n" + text, e);
        }
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            if (message.contains("ganpoet: internal error") || message.contains("\tat ")) {
                count("crashes");
                fail("internal error: " + message + "\n" + text);
            }
            if (d.getKind() == Diagnostic.Kind.WARNING && message.contains("never reads")) {
                count("dead-pixel warnings");
            }
        }
        if (compilation.status() == Compilation.Status.FAILURE) {
            for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
                if (d.getSource() == null || !d.getSource().toUri().equals(file.toUri())) {
                    count("generated-source compile failures");
                    fail("generated code does not compile: " + d + "\n" + text);
                }
                if (d.getLineNumber() < 1) {
                    fail("error without a line: " + d.getMessage(Locale.ROOT) + "\n" + text);
                }
            }
            count("rejected");
            return;
        }
        count("accepted");
        GanModel model = load(compilation);
        if (small(model)) {
            count("runtime-checked");
            checkRuntimeShapes(model, text);
        }
    }

    /** The generated classes of a compilation, loaded, and the holder instantiated. */
    private static GanModel load(Compilation compilation) throws Exception {
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
        ClassLoader loader = new ClassLoader(SpecPropertyTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        return (GanModel) loader.loadClass("test.RandomGan").getConstructor().newInstance();
    }

    private static boolean small(GanModel model) {
        long params = 0;
        long largest = model.imageShape().size();
        for (List<LayerSummary> table : List.of(model.discriminatorLayers(), model.generatorLayers())) {
            for (LayerSummary row : table) {
                params += row.parameters();
                largest = Math.max(largest, row.outputShape().size());
            }
        }
        return params <= 200_000 && largest <= 20_000;
    }

    private static void checkRuntimeShapes(GanModel model, String text) {
        try (NDManager manager = NDManager.newBaseManager()) {
            int batch = 2;
            LayeredBlock discriminator = (LayeredBlock) model.newDiscriminator();
            LayeredBlock generator = (LayeredBlock) model.newGenerator();
            discriminator.initialize(manager, DataType.FLOAT32, model.discriminatorInputShapes(batch));
            generator.initialize(manager, DataType.FLOAT32, model.generatorInputShapes(batch));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray z = manager.randomNormal(model.latentShape(batch));
            NDArray labels = model.classes() > 0 ? manager.create(new int[] {0, model.classes() - 1}) : null;
            checkLayers(generator, model.generatorLayers(), ps, inputs(z, labels), batch, text);
            NDArray images = generator.forwardLayers(ps, inputs(z, labels), false, generator.layerCount());
            if (!model.imageShape(batch).equals(images.getShape())) {
                count("shape mismatches");
                fail("G(z) is " + images.getShape() + ", not " + model.imageShape(batch) + "\n" + text);
            }
            checkLayers(discriminator, model.discriminatorLayers(), ps, inputs(images, labels), batch, text);
            if (labels != null) {
                count("conditional runtime-checked");
            }
        }
    }

    private static NDList inputs(NDArray x, NDArray labels) {
        return labels == null ? new NDList(x) : new NDList(x, labels);
    }

    private static void checkLayers(
            LayeredBlock block, List<LayerSummary> table, ParameterStore ps, NDList input, int batch, String text) {
        assertEquals(table.size(), block.layerCount());
        for (int k = 1; k <= table.size(); k++) {
            Shape actual = block.forwardLayers(ps, input, true, k).getShape();
            LayerSummary row = table.get(k - 1);
            if (!new Shape(batch).addAll(row.outputShape()).equals(actual)) {
                count("shape mismatches");
                fail(row.name() + " is " + actual + " at run time, " + row.outputShape() + " in the table\n" + text);
            }
        }
    }
}
