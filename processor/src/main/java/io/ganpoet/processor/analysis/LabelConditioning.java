package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.ConditioningSpec;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.GeneratedNames;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.TensorShape;
import java.util.ArrayList;
import java.util.List;

/**
 * A conditional GAN's labels placed in an analysed pair: the discriminator joins {@code classes}
 * one-hot label maps to the image, the generator a learned label embedding to its latent. Each is
 * a layer of its own at the network's head (so the layer tables show it) that widens the next
 * layer's input; the mirror is derived from the unconditioned discriminator, so the generator still
 * ends on the image's channels. Pure.
 *
 * <p>Label maps rather than a projection discriminator: they won on Fashion-MNIST at the same
 * budget (docs/NOTES.md, "Conditional GANs").
 */
public final class LabelConditioning {

    /** A conditioned pair, or the problems that kept the labels from being placed. */
    public record Result(Network discriminator, Network generator, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private LabelConditioning() {}

    /** Checks {@code classes} and {@code labelEmbedding} (block names are {@link NameCheck}'s). */
    public static List<Problem> check(DiscriminatorSpec spec) {
        List<Problem> problems = new ArrayList<>();
        ConditioningSpec c = spec.conditioning();
        String who = spec.interfaceName();
        Location classesAt = spec.kind().specAt("classes");
        Location embeddingAt = spec.kind().specAt("labelEmbedding");
        if (c.classes() < 0) {
            problems.add(Problem.error(
                    classesAt,
                    who + ": classes must be 0 (an unconditional GAN) or the number of"
                            + " classes in the data, at least 2; got " + c.classes()));
        } else if (c.classes() == 1) {
            problems.add(
                    Problem.error(
                            classesAt,
                            who + ": classes = 1 conditions on nothing, since every label"
                                    + " would be 0; use classes = 0 for an unconditional GAN, or the number of classes in the data"));
        } else if (c.classes() > Limits.MAX_SIZE) {
            problems.add(Checks.tooLarge(classesAt, who, "classes", c.classes()));
        }
        if (!c.conditional()) {
            if (c.labelEmbedding() != ConditioningSpec.DEFAULT_LABEL_EMBEDDING) {
                problems.add(Problem.warning(
                        embeddingAt,
                        who + ": labelEmbedding has no effect without classes;"
                                + " set classes to the number of classes in the data, or remove labelEmbedding"));
            }
            return problems;
        }
        if (c.labelEmbedding() < 1) {
            problems.add(Problem.error(
                    embeddingAt,
                    who + ": labelEmbedding must be positive, got "
                            + c.labelEmbedding() + "; it is the size of the learned vector per class joined to the"
                            + " generator's latent (16 by default)"));
        } else if (c.labelEmbedding() > Limits.MAX_SIZE) {
            problems.add(Checks.tooLarge(embeddingAt, who, "labelEmbedding", c.labelEmbedding()));
        }
        return problems;
    }

    /**
     * The pair with its labels joined; {@code discriminator} and {@code generator} are the
     * unconditioned networks, and {@code check} found no errors.
     */
    public static Result condition(DiscriminatorSpec spec, Network discriminator, Network generator) {
        ConditioningSpec c = spec.conditioning();
        List<Problem> problems = new ArrayList<>();
        Network d = join(
                discriminator, GeneratedNames.LABEL_MAPS, spec.kind().specAt("classes"), new Op.LabelMaps(c.classes()));
        Network g = join(
                generator,
                GeneratedNames.LABEL_EMBEDDING,
                spec.kind().specAt("labelEmbedding"),
                new Op.LabelEmbedding(c.classes(), c.labelEmbedding()));
        placed(
                d,
                spec.interfaceName() + ": " + c.classes() + " label maps joined to the " + discriminator.input()
                        + " image",
                "use fewer classes or a smaller image",
                problems);
        placed(
                g,
                spec.interfaceName() + ": a " + c.classes() + "×" + c.labelEmbedding()
                        + " label embedding joined to the latent",
                "use a smaller labelEmbedding or latent",
                problems);
        return problems.isEmpty() ? new Result(d, g, problems) : new Result(null, null, problems);
    }

    /** {@code network} with a first layer applying {@code op} to its input, and its old first layer widened. */
    private static Network join(Network network, String name, Location at, Op op) {
        Layer head = new Layer(name, "", at, network.input(), List.of(op));
        List<Layer> layers = new ArrayList<>();
        layers.add(head);
        TensorShape widened = head.output();
        for (Layer layer : network.layers()) {
            Layer moved = new Layer(layer.name(), layer.mirrors(), layer.at(), widened, layer.ops());
            layers.add(moved);
            widened = moved.output();
        }
        return new Network(network.className(), network.role(), network.input(), layers);
    }

    /** Whether the conditioning layer and the layer it widened stay within {@link Limits}; else an error at its attribute. */
    private static void placed(Network network, String what, String fix, List<Problem> problems) {
        Layer head = network.layers().get(0);
        for (Layer layer :
                network.layers().subList(0, Math.min(2, network.layers().size()))) {
            Problem problem = Checks.layerLimits(layer, layer.name());
            if (problem != null) {
                problems.add(Problem.error(head.at(), what + " cannot be placed: " + problem.message() + "; " + fix));
                return;
            }
        }
    }
}
