package io.ganpoet.spec;

/** The non-linearity a block applies after its (normalised) linear part. */
public enum Activation {
    /** The identity: the block's output is its linear part. */
    NONE,
    /** {@code max(0, x)}. */
    RELU,
    /** {@code x} for {@code x > 0}, else {@code slope·x}; the slope is the block's {@code leakySlope}. */
    LEAKY_RELU,
    /** {@code x} for {@code x > 0}, else {@code e^x - 1}. */
    ELU,
    /** Scaled ELU with the self-normalising constants. */
    SELU,
    /** Gaussian error linear unit. */
    GELU,
    /** {@code 1 / (1 + e^-x)}: a probability. */
    SIGMOID,
    /** Hyperbolic tangent, into (-1, 1): the usual image output. */
    TANH,
    /** {@code log(1 + e^x)}. */
    SOFTPLUS
}
