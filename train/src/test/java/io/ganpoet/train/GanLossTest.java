package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.ganpoet.runtime.GanModel.DiscriminatorOutput;
import io.ganpoet.train.gan.GanLoss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every loss against a hand computation in double precision on fixed discriminator outputs, for D
 * and for G: a flipped sign, a swapped target or a missing term fails here.
 */
class GanLossTest {

    private static final double[] REAL_LOGITS = {0.5, -1.0, 3.0};
    private static final double[] FAKE_LOGITS = {2.0, 0.0, -0.25};
    private static final double[] REAL_P = {0.8, 0.3, 0.99};
    private static final double[] FAKE_P = {0.4, 0.1, 0.75};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void bceFromLogits() {
        // D: −mean log σ(real) − mean log(1 − σ(fake)) = mean softplus(−real) + mean softplus(fake)
        double d = mean(REAL_LOGITS, x -> softplus(-x)) + mean(FAKE_LOGITS, GanLossTest::softplus);
        assertD(GanLoss.BCE, DiscriminatorOutput.LOGIT, 1f, d);
        // G (non-saturating): −mean log σ(fake)
        assertG(GanLoss.BCE, DiscriminatorOutput.LOGIT, mean(FAKE_LOGITS, x -> softplus(-x)));
    }

    @Test
    void bceFromLogitsWithLabelSmoothing() {
        // Real target 0.9: −mean(0.9 log σ(x) + 0.1 log(1 − σ(x)))
        double d = mean(REAL_LOGITS, x -> 0.9 * softplus(-x) + 0.1 * softplus(x))
                + mean(FAKE_LOGITS, GanLossTest::softplus);
        assertD(GanLoss.BCE, DiscriminatorOutput.LOGIT, 0.9f, d);
    }

    @Test
    void bceFromProbabilities() {
        double d = mean(REAL_P, p -> -Math.log(p)) + mean(FAKE_P, p -> -Math.log(1 - p));
        assertD(GanLoss.BCE, DiscriminatorOutput.PROBABILITY, 1f, d);
        assertG(GanLoss.BCE, DiscriminatorOutput.PROBABILITY, mean(FAKE_P, p -> -Math.log(p)));
    }

    @Test
    void minimax() {
        double d = mean(REAL_P, p -> -Math.log(p)) + mean(FAKE_P, p -> -Math.log(1 - p));
        assertD(GanLoss.MINIMAX, DiscriminatorOutput.PROBABILITY, 1f, d);
        // G minimises log(1 − D(G(z))), i.e. the negated BCE against target 0.
        assertG(GanLoss.MINIMAX, DiscriminatorOutput.PROBABILITY, mean(FAKE_P, p -> Math.log(1 - p)));
        assertG(GanLoss.MINIMAX, DiscriminatorOutput.LOGIT, -mean(FAKE_LOGITS, GanLossTest::softplus));
    }

    @Test
    void hinge() {
        double d = mean(REAL_LOGITS, x -> Math.max(0, 1 - x)) + mean(FAKE_LOGITS, x -> Math.max(0, 1 + x));
        assertD(GanLoss.HINGE, DiscriminatorOutput.LOGIT, 1f, d);
        assertG(GanLoss.HINGE, DiscriminatorOutput.LOGIT, -mean(FAKE_LOGITS, x -> x));
    }

    @Test
    void leastSquares() {
        double d = 0.5 * (mean(REAL_LOGITS, x -> (x - 1) * (x - 1)) + mean(FAKE_LOGITS, x -> x * x));
        assertD(GanLoss.LSGAN, DiscriminatorOutput.LOGIT, 1f, d);
        double smoothed = 0.5 * (mean(REAL_LOGITS, x -> (x - 0.8) * (x - 0.8)) + mean(FAKE_LOGITS, x -> x * x));
        assertD(GanLoss.LSGAN, DiscriminatorOutput.LOGIT, 0.8f, smoothed);
        assertG(GanLoss.LSGAN, DiscriminatorOutput.LOGIT, 0.5 * mean(FAKE_LOGITS, x -> (x - 1) * (x - 1)));
    }

    @Test
    void wasserstein() {
        // The critic maximises D(real) − D(fake); the penalty is added by GanStep (GradientPenaltyTest).
        assertD(GanLoss.WGAN_GP, DiscriminatorOutput.LOGIT, 1f, mean(FAKE_LOGITS, x -> x) - mean(REAL_LOGITS, x -> x));
        assertG(GanLoss.WGAN_GP, DiscriminatorOutput.LOGIT, -mean(FAKE_LOGITS, x -> x));
    }

    @Test
    void metricsReadTheOutputAsAProbability() {
        NDArray logits = manager.create(toFloat(REAL_LOGITS));
        assertEquals(
                mean(REAL_LOGITS, x -> 1 / (1 + Math.exp(-x))),
                GanLoss.BCE.meanOutput(logits, DiscriminatorOutput.LOGIT),
                1e-6);
        assertEquals(mean(REAL_LOGITS, x -> x), GanLoss.HINGE.meanOutput(logits, DiscriminatorOutput.LOGIT), 1e-6);
        NDArray p = manager.create(toFloat(REAL_P));
        assertEquals(mean(REAL_P, x -> x), GanLoss.BCE.meanOutput(p, DiscriminatorOutput.PROBABILITY), 1e-6);
    }

    private void assertD(GanLoss loss, DiscriminatorOutput output, float realTarget, double expected) {
        boolean logits = output == DiscriminatorOutput.LOGIT;
        NDArray real = manager.create(toFloat(logits ? REAL_LOGITS : REAL_P));
        NDArray fake = manager.create(toFloat(logits ? FAKE_LOGITS : FAKE_P));
        assertEquals(
                expected, loss.discriminator(real, fake, output, realTarget).getFloat(), 1e-5, loss + " D");
    }

    private void assertG(GanLoss loss, DiscriminatorOutput output, double expected) {
        NDArray fake = manager.create(toFloat(output == DiscriminatorOutput.LOGIT ? FAKE_LOGITS : FAKE_P));
        assertEquals(expected, loss.generator(fake, output).getFloat(), 1e-5, loss + " G");
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    private static double mean(double[] values, java.util.function.DoubleUnaryOperator f) {
        double sum = 0;
        for (double v : values) {
            sum += f.applyAsDouble(v);
        }
        return sum / values.length;
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
