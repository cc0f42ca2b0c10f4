package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.BlockSpec;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.TensorShape;
import io.ganpoet.spec.Activation;
import java.util.List;

/**
 * What a GAN adds to {@link PairAnalysis}: its latent, a warning on a discriminator that ends in
 * neither a probability nor a score, the generator's input {@code (latent, H, W)} on the
 * discriminator's last map, and a conditional pair's labels ({@link LabelConditioning}). Pure.
 */
public final class GanAnalysis implements PairAnalysis.Rules {

    private final DiscriminatorSpec spec;

    GanAnalysis(DiscriminatorSpec spec) {
        this.spec = spec;
    }

    /** A {@code @Discriminator} spec checked end to end. */
    public static PairAnalysis.Plan analyse(DiscriminatorSpec spec) {
        return PairAnalysis.analyse(spec);
    }

    @Override
    public void check(List<Problem> problems) {
        int latent = spec.latent();
        if (latent < 1) {
            problems.add(Problem.error(
                    spec.kind().specAt("latent"), spec.interfaceName() + ": latent must be positive, got " + latent));
        } else if (latent > Limits.MAX_SIZE) {
            problems.add(Checks.tooLarge(spec.kind().specAt("latent"), spec.interfaceName(), "latent", latent));
        }
        lastActivation(problems);
        problems.addAll(LabelConditioning.check(spec));
    }

    private void lastActivation(List<Problem> problems) {
        List<BlockSpec> blocks = spec.stack().blocks();
        if (blocks.isEmpty()) {
            return;
        }
        BlockSpec last = blocks.get(blocks.size() - 1);
        Activation activation = last.activation();
        if (activation != Activation.SIGMOID && activation != Activation.NONE) {
            problems.add(Problem.warning(
                    last.at("activation"),
                    last.name() + ": the discriminator's last activation is " + activation
                            + "; GAN losses read SIGMOID (a probability) or NONE (a logit or critic score)"));
        }
    }

    /**
     * {@code (latent, H, W)} where {@code H×W} is the discriminator's last feature map: {@code 1×1} for
     * the usual discriminator (the DCGAN convention) or with dense blocks, larger for a patch discriminator.
     */
    @Override
    public TensorShape mirrorInput(Network stack) {
        TensorShape last = stack.output();
        return last.isMap()
                ? TensorShape.of(spec.latent(), last.height(), last.width())
                : TensorShape.of(spec.latent(), 1, 1);
    }

    @Override
    public Network[] finish(Network discriminator, Network generator, List<Problem> problems) {
        if (!spec.conditional()) {
            return new Network[] {discriminator, generator};
        }
        LabelConditioning.Result conditioned = LabelConditioning.condition(spec, discriminator, generator);
        if (!conditioned.problems().isEmpty()) {
            problems.addAll(conditioned.problems());
            return null;
        }
        return new Network[] {conditioned.discriminator(), conditioned.generator()};
    }
}
