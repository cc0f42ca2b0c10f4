package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.BlockSpec;
import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DenseBlockSpec;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.spec.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * A {@code @Discriminator} spec checked end to end: its stack ({@link StackAnalysis}), its latent
 * and {@code @Generator} settings, the mirrored generator (within {@link Limits} too), the labels
 * of a conditional pair ({@link LabelConditioning}) and the names of the generated classes. Pure.
 */
public final class GanAnalysis {

    /** The plan to write when there are no errors: both networks; else {@code null}s and the problems. */
    public record Result(Network discriminator, Network generator, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }

        /** Whether the discriminator outputs probabilities (ends in a sigmoid). */
        public boolean probabilities() {
            return Mirror.endsInSigmoid(discriminator);
        }
    }

    /**
     * The generated holder's own fields: it names the generator by its simple name (same package,
     * never qualified), so a generator of one of these names would be hidden by the field.
     */
    static final Set<String> HOLDER_FIELDS = Set.of("LATENT", "SUMMARY", "DISCRIMINATOR_LAYERS", "GENERATOR_LAYERS");

    /** Identifiers that cannot name a class. */
    private static final Set<String> RESTRICTED = Set.of("var", "yield", "record", "sealed", "permits");

    private GanAnalysis() {}

    public static Result analyse(DiscriminatorSpec spec) {
        List<Problem> problems = new ArrayList<>();
        StackAnalysis.Result stack = StackAnalysis.analyse(spec.stack(), spec.interfaceName(), "Mirror");
        problems.addAll(stack.problems());
        latent(spec, problems);
        generator(spec, problems);
        lastActivation(spec, problems);
        problems.addAll(LabelConditioning.check(spec));
        if (stack.hasErrors() || problems.stream().anyMatch(Problem::isError)) {
            return new Result(null, null, problems);
        }
        Network discriminator =
                new Network(spec.discriminatorClassName(), "discriminator", spec.imageShape(), stack.layers());
        Network generator =
                Mirror.mirror(discriminator, spec.latent(), spec.generator().policy(spec.generatorClassName()));
        for (Layer layer : generator.layers()) {
            Problem problem = StackAnalysis.limitProblem(layer, layer.mirrors() + " (in the generator, " + layer.name() + ")");
            if (problem != null) {
                problems.add(problem);
                return new Result(null, null, problems);
            }
        }
        if (spec.conditioning().conditional()) {
            LabelConditioning.Result conditioned = LabelConditioning.condition(spec, discriminator, generator);
            if (!conditioned.problems().isEmpty()) {
                problems.addAll(conditioned.problems());
                return new Result(null, null, problems);
            }
            discriminator = conditioned.discriminator();
            generator = conditioned.generator();
        }
        try {
            discriminator.parameters();
            discriminator.multiplyAdds();
            generator.parameters();
            generator.multiplyAdds();
        } catch (ArithmeticException e) {
            problems.add(Problem.error(Location.type(), spec.interfaceName() + ": the networks' totals overflow a long"));
            return new Result(null, null, problems);
        }
        return new Result(discriminator, generator, problems);
    }

    private static void latent(DiscriminatorSpec spec, List<Problem> problems) {
        int latent = spec.latent();
        if (latent < 1) {
            problems.add(
                    Problem.error(
                            Location.discriminator("latent"),
                            spec.interfaceName() + ": latent must be positive, got " + latent));
        } else if (latent > Limits.MAX_SIZE) {
            problems.add(
                    StackAnalysis.tooLargeProblem(Location.discriminator("latent"), spec.interfaceName(), "latent", latent));
        }
    }

    private static void generator(DiscriminatorSpec spec, List<Problem> problems) {
        Problem slope =
                StackAnalysis.slopeProblem(Location.generator("leakySlope"), "@Generator", spec.generator().leakySlope());
        if (slope != null) {
            problems.add(slope);
        }
        String name = spec.generator().name();
        if (name.isEmpty()) {
            return;
        }
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name) || RESTRICTED.contains(name)) {
            problems.add(
                    Problem.error(
                            Location.generator("name"),
                            "generator name '" + name + "' is not a simple Java class name; the generator is"
                                    + " generated in the spec's package, so give a name without dots"));
        } else if (HOLDER_FIELDS.contains(name) || (spec.conditioning().conditional() && name.equals("CLASSES"))) {
            problems.add(
                    Problem.error(
                            Location.generator("name"),
                            "generator name '" + name + "' is a constant of the generated " + spec.holderClassName()
                                    + ", which refers to the generator by its simple name; choose another name"));
        } else if (name.equals(spec.interfaceName())
                || name.equals(spec.discriminatorClassName())
                || name.equals(spec.holderClassName())) {
            problems.add(
                    Problem.error(
                            Location.generator("name"),
                            "generator name '" + name + "' is taken by "
                                    + (name.equals(spec.interfaceName()) ? "the spec interface" : "another class ganpoet"
                                            + " generates from this spec")
                                    + "; choose another name"));
        }
    }

    private static void lastActivation(DiscriminatorSpec spec, List<Problem> problems) {
        List<BlockSpec> blocks = spec.stack().blocks();
        if (blocks.isEmpty()) {
            return;
        }
        BlockSpec last = blocks.get(blocks.size() - 1);
        Activation activation =
                last.accept(
                        new BlockSpec.Visitor<Activation>() {
                            @Override
                            public Activation conv(ConvBlockSpec block) {
                                return block.activation();
                            }

                            @Override
                            public Activation dense(DenseBlockSpec block) {
                                return block.activation();
                            }
                        });
        if (activation != Activation.SIGMOID && activation != Activation.NONE) {
            problems.add(
                    Problem.warning(
                            last.at("activation"),
                            last.name() + ": the discriminator's last activation is " + activation
                                    + "; GAN losses read SIGMOID (a probability) or NONE (a logit or critic score)"));
        }
    }
}
