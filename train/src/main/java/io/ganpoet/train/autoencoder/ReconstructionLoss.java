package io.ganpoet.train.autoencoder;

import ai.djl.ndarray.NDArray;
import io.ganpoet.runtime.nn.Scalars;
import java.util.Locale;

/**
 * How far a reconstruction is from its target, pixel by pixel; both in [0, 1].
 *
 * <ul>
 *   <li>{@link #MSE}: {@code (r − t)²}, PyTorch's {@code MSELoss} (the lecture's choice);
 *   <li>{@link #BCE}: {@code −[t·log r + (1 − t)·log(1 − r)]}, PyTorch's {@code BCELoss} (with an
 *       ε of 1e-7 inside the logarithms instead of its clamp at −100), for sigmoid decoders: the
 *       Bernoulli log-likelihood behind the classic VAE's ELBO.
 * </ul>
 */
public enum ReconstructionLoss {
    /**
     * Mean squared error on [-1, 1] pixels.
     */
    MSE,
    /**
     * Binary cross-entropy on [0, 1] pixels (a sigmoid decoder).
     */
    BCE;

    private static final float EPSILON = 1e-7f;

    /**
     * The configuration's name, e.g. {@code mse}.
     *
     * @param name the name
     * @return the loss
     */
    public static ReconstructionLoss fromName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /**
     * @param reconstruction {@code (N, C, H, W)} in [0, 1], in the autograd graph
     * @param target {@code (N, C, H, W)} in [0, 1]
     * @return the loss of every pixel, same shape
     */
    public NDArray perPixel(NDArray reconstruction, NDArray target) {
        if (this == MSE) {
            return reconstruction.sub(target).square();
        }
        // Scalars: constants in a graph must be owned by libtorch (see Scalars).
        NDArray logR = reconstruction.add(Scalars.of(reconstruction, EPSILON)).log();
        NDArray log1mR = Scalars.rsub(1f, reconstruction)
                .add(Scalars.of(reconstruction, EPSILON))
                .log();
        return target.mul(logR).add(Scalars.rsub(1f, target).mul(log1mR)).neg();
    }

    /**
     * The mean over every pixel of the batch: the autoencoder's loss, a scalar.
     *
     * @param reconstruction the decoder's output
     * @param target the images it should equal
     * @return the mean loss
     */
    public NDArray mean(NDArray reconstruction, NDArray target) {
        return perPixel(reconstruction, target).mean();
    }

    /**
     * The sum over each image's pixels: {@code (N)}, the VAE's reconstruction term.
     *
     * @param reconstruction the decoder's output
     * @param target the images it should equal
     * @return one sum per image
     */
    public NDArray sumPerImage(NDArray reconstruction, NDArray target) {
        NDArray loss = perPixel(reconstruction, target);
        return loss.reshape(loss.getShape().get(0), -1).sum(new int[] {1});
    }
}
