package io.ganpoet.samples.specs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.kernels.ConvKernels;
import io.ganpoet.runtime.kernels.KernelPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated networks, float32 as they train, against the same networks and weights in float64
 * (ATen's own kernels; oneDNN has none in float64): the output and every parameter gradient of a
 * training-mode forward and backward pass agree to 1e-5 relative. This is what failed on a Zen 5
 * VM whose oneDNN was wrong (docs/NOTES.md, "Right on every CPU"); it runs under the default
 * checked policy and under the trusted one, so the trusted route is exercised on every machine.
 */
class GeneratedNetworksMatchFloat64Test {

    private static final double LIMIT = 1e-5;
    private static final int BATCH = 4;

    @AfterEach
    void restore() {
        ConvKernels.setPolicy(KernelPolicy.CHECKED);
    }

    /** A network, how to make its inputs in a given type, and its name. */
    private record Subject(String name, Supplier<Block> network, Shape[] inputShapes, long classes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> subjects() {
        List<Subject> subjects = new ArrayList<>();
        for (GanModel gan : List.<GanModel>of(new DcganGan(), new OddFashionGan(), new PatchConditionalGan())) {
            subjects.add(new Subject(
                    gan.name() + " discriminator",
                    gan::newDiscriminator,
                    gan.discriminatorInputShapes(BATCH),
                    gan.classes()));
            subjects.add(new Subject(
                    gan.name() + " generator", gan::newGenerator, gan.generatorInputShapes(BATCH), gan.classes()));
        }
        AutoencoderModel vae = new FashionVaeAutoencoder();
        subjects.add(new Subject(
                "FashionVae encoder", vae::newEncoder, new Shape[] {new Shape(BATCH).addAll(vae.imageShape())}, 0));
        subjects.add(new Subject(
                "FashionVae decoder", vae::newDecoder, new Shape[] {new Shape(BATCH).addAll(vae.latentShape())}, 0));
        List<Arguments> arguments = new ArrayList<>();
        for (KernelPolicy policy : List.of(KernelPolicy.CHECKED, KernelPolicy.TRUSTED)) {
            for (Subject subject : subjects) {
                arguments.add(Arguments.of(subject, policy));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}, kernels {1}")
    @MethodSource("subjects")
    void outputAndEveryParameterGradientMatchFloat64(Subject subject, KernelPolicy policy) {
        ConvKernels.setPolicy(policy);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            Block single = subject.network.get();
            Block twin = subject.network.get();
            single.initialize(m, DataType.FLOAT32, subject.inputShapes);
            twin.initialize(m, DataType.FLOAT64, subject.inputShapes);
            ParameterList params32 = single.getParameters();
            ParameterList params64 = twin.getParameters();
            for (int i = 0; i < params32.size(); i++) {
                NDArray values = params32.get(i).getValue().getArray();
                params64.get(i)
                        .getValue()
                        .getArray()
                        .set(values.toType(DataType.FLOAT64, false).toDoubleArray());
            }
            NDArray x32 = m.randomUniform(-1f, 1f, subject.inputShapes[0]);
            NDArray labels = m.create(new int[] {0, 3, 1, 4}).mod(Math.max(subject.classes, 1));
            NDList out32 = run(m, single, x32, labels, subject.classes);
            NDList out64 = run(m, twin, x32.toType(DataType.FLOAT64, false), labels, subject.classes);
            for (int i = 0; i < out32.size(); i++) {
                assertWithin(subject + " output " + i, out32.get(i), out64.get(i));
            }
            for (int i = 0; i < params32.size(); i++) {
                Parameter p = params32.get(i).getValue();
                if (p.requiresGradient()) {
                    assertWithin(
                            subject + " gradient of " + params32.get(i).getKey(),
                            p.getArray().getGradient(),
                            params64.get(i).getValue().getArray().getGradient());
                }
            }
        }
    }

    private static NDList run(NDManager m, Block block, NDArray x, NDArray labels, long classes) {
        NDList inputs = classes > 0 ? new NDList(x, labels) : new NDList(x);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList out = block.forward(new ParameterStore(m, false), inputs, true);
            NDArray loss = null;
            for (NDArray y : out) {
                // A fixed, uneven output gradient: each output times a ramp.
                NDArray ramp = m.arange((float) y.size())
                        .reshape(y.getShape())
                        .div(y.size())
                        .toType(y.getDataType(), false);
                NDArray term = y.mul(ramp).sum();
                loss = loss == null ? term : loss.add(term);
            }
            collector.backward(loss);
            return out;
        }
    }

    private static void assertWithin(String what, NDArray got, NDArray reference) {
        double[] g = got.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] r = reference.toType(DataType.FLOAT64, false).toDoubleArray();
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < r.length; i++) {
            double d = Math.abs(g[i] - r[i]);
            diff = Double.isNaN(d) || Double.isNaN(diff) ? Double.NaN : Math.max(diff, d);
            scale = Math.max(scale, Math.abs(r[i]));
        }
        double relative = diff / Math.max(scale, 1e-30);
        assertTrue(relative <= LIMIT, what + " differs from float64 by " + relative + " (max |ref| " + scale + ")");
    }
}
