package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.EncoderSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.ModelSpec;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.PairKind;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.TensorShape;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec checked end to end, the same way for every kind of pair: its stack ({@link StackAnalysis}),
 * its names ({@link NameCheck}), the mirror's settings, the kind's own {@link Rules} ({@link
 * GanAnalysis}, {@link AutoencoderAnalysis}), the mirrored network ({@link Mirror}, within {@link
 * Limits} too) and the totals. Pure.
 */
public final class PairAnalysis {

    /** The plan to write when there are no errors: both networks; else {@code null}s and the problems. */
    public record Plan(Network stack, Network mirror, List<Problem> problems) {
        public Plan {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }

        /** Whether the stack outputs probabilities (ends in a sigmoid). */
        public boolean probabilities() {
            return Mirror.endsInSigmoid(stack);
        }

        /** The mirror's input: a GAN's latent, an autoencoder's code, a VAE's latent vector. */
        public TensorShape latentShape() {
            return mirror.input();
        }
    }

    /** What one kind of pair adds to the shared analysis. */
    interface Rules {
        /** The kind's own value checks. */
        void check(List<Problem> problems);

        /** The stack's layers as planned, with any the kind adds at its end. */
        default List<Layer> stackLayers(List<Layer> planned) {
            return planned;
        }

        /** The mirror's input shape for the analysed stack. */
        TensorShape mirrorInput(Network stack);

        /** The final pair (a conditional GAN joins its labels here), or {@code null} after adding problems. */
        default Network[] finish(Network stack, Network mirror, List<Problem> problems) {
            return new Network[] {stack, mirror};
        }
    }

    private PairAnalysis() {}

    public static Plan analyse(ModelSpec spec) {
        PairKind kind = spec.kind();
        List<Problem> problems = new ArrayList<>();
        List<Layer> layers = StackAnalysis.analyse(spec.stack(), spec.interfaceName(), problems);
        NameCheck.check(spec, problems);
        Problem slope = Checks.slope(
                kind.mirrorAt("leakySlope"),
                kind.mirrorAnnotation(),
                spec.mirror().leakySlope());
        if (slope != null) {
            problems.add(slope);
        }
        Rules rules = spec.accept(new ModelSpec.Visitor<Rules>() {
            @Override
            public Rules gan(DiscriminatorSpec s) {
                return new GanAnalysis(s);
            }

            @Override
            public Rules autoencoder(EncoderSpec s) {
                return new AutoencoderAnalysis(s);
            }
        });
        rules.check(problems);
        if (layers == null || problems.stream().anyMatch(Problem::isError)) {
            return new Plan(null, null, problems);
        }
        Network stack =
                new Network(spec.stackClassName(), kind.stackRole(), spec.imageShape(), rules.stackLayers(layers));
        Network mirror = Mirror.mirror(
                stack, rules.mirrorInput(stack), spec.mirror(), spec.mirrorClassName(), kind.mirrorRole());
        for (Layer layer : mirror.layers()) {
            Problem problem = Checks.layerLimits(
                    layer, layer.mirrors() + " (in the " + kind.mirrorRole() + ", " + layer.name() + ")");
            if (problem != null) {
                problems.add(problem);
                return new Plan(null, null, problems);
            }
        }
        Network[] pair = rules.finish(stack, mirror, problems);
        if (pair == null) {
            return new Plan(null, null, problems);
        }
        try {
            for (Network network : pair) {
                network.parameters();
                network.multiplyAdds();
            }
        } catch (ArithmeticException e) {
            problems.add(
                    Problem.error(Location.type(), spec.interfaceName() + ": the networks' totals overflow a long"));
            return new Plan(null, null, problems);
        }
        return new Plan(pair[0], pair[1], problems);
    }
}
