package io.ganpoet.runtime;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;

/**
 * What a trainer needs to know about an encoder/decoder pair: the autoencoder's counterpart of
 * {@link GanModel}. ganpoet's processor generates an implementation ({@code FooAutoencoder}) for
 * every {@code @Encoder} spec; hand-written pairs can implement it too.
 *
 * <p>The contract between the two blocks:
 *
 * <ul>
 *   <li>the encoder takes images {@code (N, C, H, W)} with values in [0, 1];
 *   <li>a plain encoder returns one array shaped {@link #latentShape(long)} (the bottleneck); a
 *       {@linkplain #variational() variational} encoder returns two arrays {@code (N, latent)}: the
 *       mean and the log-variance of q(z | x);
 *   <li>the decoder takes {@link #latentShape(long)} and returns images {@code (N, C, H, W)} in the
 *       range its {@link #decoderOutput()} names.
 * </ul>
 */
public interface AutoencoderModel {

    /** What the decoder's last activation makes of its output. */
    enum DecoderOutput {
        /** A sigmoid: pixels in (0, 1), the default (and BCE's requirement). */
        SIGMOID,
        /** A tanh: pixels in (-1, 1). */
        TANH,
        /** No squashing: read as pixels in [0, 1]. */
        NONE
    }

    /**
     * Returns a short name for logs and run directories.
     *
     * @return the name, e.g. {@code Lecture}
     */
    String name();

    /**
     * Returns the shape of one image, without the batch axis.
     *
     * @return {@code (C, H, W)}
     */
    Shape imageShape();

    /**
     * Returns whether the encoder gives the mean and log-variance of a Gaussian (a VAE) rather
     * than a code.
     *
     * @return true for a variational autoencoder
     */
    boolean variational();

    /**
     * Returns the shape of one code (what the decoder takes), without the batch axis: {@code
     * (latent)} for a variational model, the bottleneck feature map {@code (C, H, W)} (or {@code
     * (units)} after a dense block) otherwise.
     *
     * @return the code's shape
     */
    Shape latentShape();

    /**
     * Returns the number of values in one code.
     *
     * @return {@code latentShape().size()}
     */
    default int latentSize() {
        return Math.toIntExact(latentShape().size());
    }

    /**
     * Returns a new, uninitialised encoder.
     *
     * @return the encoder block
     */
    Block newEncoder();

    /**
     * Returns a new, uninitialised decoder.
     *
     * @return the decoder block
     */
    Block newDecoder();

    /**
     * Returns what the decoder's output means.
     *
     * @return the decoder's last activation
     */
    DecoderOutput decoderOutput();

    /**
     * Returns the encoder's layer table as computed at compile time.
     *
     * @return one row per layer, in order
     */
    List<LayerSummary> encoderLayers();

    /**
     * Returns the decoder's layer table as computed at compile time.
     *
     * @return one row per layer, in order
     */
    List<LayerSummary> decoderLayers();

    /**
     * Returns the layer tables as text, as they appear in the generated Javadoc.
     *
     * @return the formatted tables
     */
    String summary();

    /**
     * Returns a code batch shape.
     *
     * @param batch the batch size
     * @return {@code (batch, ...latentShape())}
     */
    default Shape latentShape(long batch) {
        return new Shape(batch).addAll(latentShape());
    }

    /**
     * Returns an image batch shape.
     *
     * @param batch the batch size
     * @return {@code (batch, C, H, W)}
     */
    default Shape imageShape(long batch) {
        return new Shape(batch).addAll(imageShape());
    }
}
