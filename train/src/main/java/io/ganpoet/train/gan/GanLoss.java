package io.ganpoet.train.gan;

import ai.djl.ndarray.NDArray;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.runtime.nn.Scalars;
import java.util.Locale;

/**
 * The adversarial losses. Each reads the discriminator's raw output as its {@link
 * DiscriminatorOutput} says: binary cross-entropy is computed from logits with the stable
 * log-sum-exp form (what {@link GanStep} uses for generated discriminators, which expose their
 * logits), or from probabilities as {@code log(p + 1e-12)}, so a saturated sigmoid yields neither
 * an infinite loss nor a NaN gradient (clamping p, or clamping the log, would zero or NaN it).
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

    /** Keeps log(p) finite at p = 0; too small to change the loss anywhere else. */
    static final float LOG_EPSILON = 1e-12f;

    /**
     * Parses a config name: {@code bce}, {@code minimax}, {@code hinge}, {@code lsgan}, {@code
     * wgan-gp}.
     *
     * @param name the name
     * @return the loss
     * @throws IllegalArgumentException for an unknown name
     */
    public static GanLoss fromName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * Whether this loss treats the discriminator's output as an unbounded score.
     *
     * @return true for hinge, LSGAN and WGAN-GP
     */
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
                return relu(Scalars.rsub(1f, real))
                        .mean()
                        .add(relu(fake.add(1f)).mean());
            case LSGAN:
                return Scalars.mul(
                        real.sub(realTarget).square().mean().add(fake.square().mean()), 0.5f);
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
                return Scalars.mul(fake.sub(1f).square().mean(), 0.5f);
            default:
                return fake.mean().neg();
        }
    }

    /** Mean binary cross-entropy against a constant target. */
    static NDArray bce(NDArray x, float target, DiscriminatorOutput output) {
        if (output == DiscriminatorOutput.LOGIT) {
            // max(x, 0) − x·t + log(1 + e^−|x|)
            return relu(x).sub(Scalars.mul(x, target))
                    .add(x.abs().neg().exp().add(1f).log())
                    .mean();
        }
        NDArray logP = x.add(LOG_EPSILON).log();
        NDArray log1mP = Scalars.rsub(1f, x).add(LOG_EPSILON).log();
        return Scalars.mul(logP, target)
                .add(Scalars.mul(log1mP, 1f - target))
                .neg()
                .mean();
    }

    private static NDArray relu(NDArray x) {
        return ai.djl.nn.Activation.relu(x);
    }

    /**
     * D's output as a probability for the D(x) / D(G(z)) metrics (a sigmoid of logits); for score
     * losses the raw mean score.
     *
     * @param out the discriminator's output for a batch
     * @param output what that output means
     * @return the mean probability (or score)
     */
    public float meanOutput(NDArray out, DiscriminatorOutput output) {
        if (output == DiscriminatorOutput.LOGIT && !wantsScores()) {
            return ai.djl.nn.Activation.sigmoid(out).mean().getFloat();
        }
        return out.mean().getFloat();
    }
}
