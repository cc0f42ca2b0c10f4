package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.BlockSpec;
import io.ganpoet.processor.model.EncoderSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.TensorShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * An {@code @Encoder} spec checked end to end: its stack ({@link StackAnalysis}: values, receptive
 * field, limits), the latent rules, the {@code @Decoder} settings, the mirrored decoder (within
 * {@link Limits} too) and the names of the generated classes. Pure.
 *
 * <p>A plain autoencoder's decoder starts from the encoder's output as it is; a variational
 * encoder gets a last layer, {@value EncoderSpec#HEADS}, of two Gaussian heads, and its decoder
 * starts from a flat latent whose projection and reshape are that layer's mirror.
 */
public final class AutoencoderAnalysis {

    /** The plan to write when there are no errors: both networks; else {@code null}s and the problems. */
    public record Result(Network encoder, Network decoder, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }

        /** The decoder's input: the code a plain encoder returns, or the VAE's latent vector. */
        public TensorShape latentShape() {
            return decoder.input();
        }
    }

    private static final Set<String> RESTRICTED = Set.of("var", "yield", "record", "sealed", "permits");

    /** The generated holder's own fields, which would hide a decoder of the same name (see {@code GanAnalysis}). */
    static final Set<String> HOLDER_FIELDS = Set.of("SUMMARY", "ENCODER_LAYERS", "DECODER_LAYERS");

    private AutoencoderAnalysis() {}

    public static Result analyse(EncoderSpec spec) {
        List<Problem> problems = new ArrayList<>();
        StackAnalysis.Result stack = StackAnalysis.analyse(spec.stack(), spec.interfaceName(), "Mirror");
        problems.addAll(stack.problems());
        latent(spec, problems);
        heads(spec, problems);
        decoder(spec, problems);
        if (stack.hasErrors() || problems.stream().anyMatch(Problem::isError)) {
            return new Result(null, null, problems);
        }
        List<Layer> layers = new ArrayList<>(stack.layers());
        TensorShape code = layers.get(layers.size() - 1).output();
        TensorShape latent = code;
        if (spec.variational()) {
            layers.add(
                    new Layer(
                            EncoderSpec.HEADS,
                            "",
                            Location.encoder("latent"),
                            code,
                            List.of(new Op.GaussianHeads(spec.latent()))));
            latent = TensorShape.of(spec.latent());
        } else if (!code.isMap()) {
            latent = TensorShape.of(code.elements());
        }
        Network encoder = new Network(spec.encoderClassName(), "encoder", spec.imageShape(), layers);
        Network decoder = Mirror.mirror(encoder, latent, spec.decoder().policy(spec.decoderClassName()));
        for (Layer layer : decoder.layers()) {
            Problem problem =
                    StackAnalysis.limitProblem(layer, layer.mirrors() + " (in the decoder, " + layer.name() + ")");
            if (problem != null) {
                problems.add(problem);
                return new Result(null, null, problems);
            }
        }
        try {
            encoder.parameters();
            encoder.multiplyAdds();
            decoder.parameters();
            decoder.multiplyAdds();
        } catch (ArithmeticException e) {
            problems.add(Problem.error(Location.type(), spec.interfaceName() + ": the networks' totals overflow a long"));
            return new Result(null, null, problems);
        }
        return new Result(encoder, decoder, problems);
    }

    private static void latent(EncoderSpec spec, List<Problem> problems) {
        int latent = spec.latent();
        if (!spec.variational()) {
            if (latent != 0) {
                problems.add(
                        Problem.error(
                                Location.encoder("latent"),
                                spec.interfaceName() + ": latent = " + latent + " is set on a non-variational encoder,"
                                        + " whose code is the encoder's own output; set variational = true for a VAE"
                                        + " with Gaussian heads of that size, or remove latent"));
            }
            return;
        }
        if (latent < 1) {
            problems.add(
                    Problem.error(
                            Location.encoder("latent"),
                            spec.interfaceName() + ": a variational encoder needs latent >= 1 (the size of its mean"
                                    + " and log-variance heads), got " + latent
                                    + (latent == 0 ? "; add latent = 16, say" : "")));
        } else if (latent > Limits.MAX_SIZE) {
            problems.add(StackAnalysis.tooLargeProblem(Location.encoder("latent"), spec.interfaceName(), "latent", latent));
        }
    }

    /** A variational encoder's heads layer is named {@value EncoderSpec#HEADS}; no block may take that name. */
    private static void heads(EncoderSpec spec, List<Problem> problems) {
        if (!spec.variational()) {
            return;
        }
        for (BlockSpec block : spec.stack().blocks()) {
            String name = block.name();
            if (name.equals(EncoderSpec.HEADS) || name.equals(EncoderSpec.HEADS + "Mirror")
                    || name.equals(EncoderSpec.HEADS + "Norm") || name.equals(EncoderSpec.HEADS + "MirrorNorm")) {
                problems.add(
                        Problem.error(
                                block.at("name"),
                                "block name '" + name + "' is taken by the variational encoder's Gaussian heads"
                                        + " ('" + EncoderSpec.HEADS + "'); choose another name"));
            }
        }
    }

    private static void decoder(EncoderSpec spec, List<Problem> problems) {
        Problem slope =
                StackAnalysis.slopeProblem(Location.decoder("leakySlope"), "@Decoder", spec.decoder().leakySlope());
        if (slope != null) {
            problems.add(slope);
        }
        String name = spec.decoder().name();
        if (name.isEmpty()) {
            return;
        }
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name) || RESTRICTED.contains(name)) {
            problems.add(
                    Problem.error(
                            Location.decoder("name"),
                            "decoder name '" + name + "' is not a simple Java class name; the decoder is"
                                    + " generated in the spec's package, so give a name without dots"));
        } else if (HOLDER_FIELDS.contains(name)) {
            problems.add(
                    Problem.error(
                            Location.decoder("name"),
                            "decoder name '" + name + "' is a constant of the generated " + spec.holderClassName()
                                    + ", which refers to the decoder by its simple name; choose another name"));
        } else if (name.equals(spec.interfaceName())
                || name.equals(spec.encoderClassName())
                || name.equals(spec.holderClassName())) {
            problems.add(
                    Problem.error(
                            Location.decoder("name"),
                            "decoder name '" + name + "' is taken by "
                                    + (name.equals(spec.interfaceName()) ? "the spec interface" : "another class ganpoet"
                                            + " generates from this spec")
                                    + "; choose another name"));
        }
    }
}
