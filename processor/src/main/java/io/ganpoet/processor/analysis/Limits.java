package io.ganpoet.processor.analysis;

/**
 * The bounds the processor accepts, so that every number it writes is an {@code int} literal and
 * every tensor it plans can exist. Stated in the README's compile-time checks.
 */
public final class Limits {

    /** Largest channels, height, width, latent, filters, units, kernel, stride, padding, dilation, pool. */
    public static final int MAX_SIZE = 65_536;

    /** Largest number of elements of one sample's tensor at any point, and of one layer's parameters. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE;

    /** Most blocks (conv and dense together) in one spec. */
    public static final int MAX_BLOCKS = 64;

    /** Longest layer name. */
    public static final int MAX_NAME = 64;

    private Limits() {}
}
