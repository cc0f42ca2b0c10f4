package io.ganpoet.runtime.train;

import ai.djl.ndarray.NDArray;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import java.util.Locale;

/**
 * The adversarial losses. Each reads the discriminator's raw output as its {@link
 * DiscriminatorOutput} says: binary cross-entropy is computed from logits with the stable
 * log-sum-exp form, or from probabilities with logs clamped at −100 as PyTorch's {@code BCELoss}
 * does, so a saturated sigmoid never yields an infinite loss.
 */
public enum GanLoss {
    /** Non-saturating BCE (the DCGAN paper's): G maximises log D(G(z)). */
    BCE,
    /** The original minimax game: G minimises log(1 − D(G(z))). */
    MINIMAX,
    /** Hinge loss on scores. */
    HINGE,
    /** Least squares (LSGAN) with targets 1 and 0. */
    LSGAN,
    /** Wasserstein critic with a gradient penalty (the penalty is added by {@link GanStep}). */
    WGAN_GP;

    /**
     * Parses a config name: {@code bce}, {@code minimax}, {@code hinge}, {@code lsgan}, {@code
     * wgan-gp}.
     */
    public static GanLoss fromName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Whether this loss treats the discriminator's output as an unbounded score. */
    public boolean wantsScores() {
        return this == HINGE || this == WGAN_GP;
    }

    /**
     * The discriminator's loss.
     *
     * @param real D on real images
     * @param fake D on generated images
     * @param output how to read D's output
     * @param realTarget 1, or 1 − s with one-sided label smoothing (BCE, minimax, LSGAN)
     * @return a scalar
     */
    public NDArray discriminator(NDArray real, NDArray fake, DiscriminatorOutput output, float realTarget) {
        switch (this) {
            case BCE:
            case MINIMAX:
                return bce(real, realTarget, output).add(bce(fake, 0f, output));
            case HINGE:
                return real.neg().add(1f).maximum(0f).mean().add(fake.add(1f).maximum(0f).mean());
            case LSGAN:
                return real.sub(realTarget).square().mean().add(fake.square().mean()).mul(0.5f);
            default:
                return fake.mean().sub(real.mean());
        }
    }

    /**
     * The generator's loss.
     *
     * @param fake D on generated images
     * @param output how to read D's output
     * @return a scalar
     */
    public NDArray generator(NDArray fake, DiscriminatorOutput output) {
        switch (this) {
            case BCE:
                return bce(fake, 1f, output);
            case MINIMAX:
                return bce(fake, 0f, output).neg();
            case LSGAN:
                return fake.sub(1f).square().mean().mul(0.5f);
            default:
                return fake.mean().neg();
        }
    }

    /** Mean binary cross-entropy against a constant target. */
    static NDArray bce(NDArray x, float target, DiscriminatorOutput output) {
        if (output == DiscriminatorOutput.LOGIT) {
            // max(x, 0) − x·t + log(1 + e^−|x|)
            return x.maximum(0f).sub(x.mul(target)).add(x.abs().neg().exp().add(1f).log()).mean();
        }
        NDArray logP = x.log().maximum(-100f);
        NDArray log1mP = x.neg().add(1f).log().maximum(-100f);
        return logP.mul(target).add(log1mP.mul(1f - target)).neg().mean();
    }

    /**
     * D's output as a probability for the D(x) / D(G(z)) metrics (a sigmoid of logits); for score
     * losses the raw mean score.
     */
    public float meanOutput(NDArray out, DiscriminatorOutput output) {
        if (output == DiscriminatorOutput.LOGIT && !wantsScores()) {
            return ai.djl.nn.Activation.sigmoid(out).mean().getFloat();
        }
        return out.mean().getFloat();
    }
}
