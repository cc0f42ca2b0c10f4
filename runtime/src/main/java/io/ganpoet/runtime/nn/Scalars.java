package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant, safe inside an autograd graph.
 *
 * <p>DJL 0.35.1's PyTorch {@code NDArray.mul(Number)} (and {@code div}, {@code pow}, {@code
 * maximum}, ...) wraps the number in a tensor over a Java direct buffer ({@code torch::from_blob},
 * no copy) and closes the wrapper right after the operation. When autograd has saved that scalar
 * for the backward pass (as it does for {@code mul}, {@code div}, {@code pow}, {@code maximum}),
 * the garbage collector may free the buffer first, and the gradient then reads freed memory: NaN
 * gradients at random steps (seen here). These helpers make the scalar with {@code full}, which
 * libtorch allocates and owns.
 */
public final class Scalars {

    private Scalars() {}

    /**
     * A 0-d constant on {@code like}'s manager, device and data type, owned by libtorch.
     *
     * @param like the array whose manager, device and type to use
     * @param value the value
     * @return the scalar
     */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType(), like.getDevice());
    }

    /**
     * Returns {@code x · value}, the constant made by libtorch.
     *
     * @param x the array
     * @param value the constant
     * @return the result, on {@code x}'s device
     */
    public static NDArray mul(NDArray x, float value) {
        return x.mul(of(x, value));
    }

    /**
     * Returns {@code x / value}, the constant made by libtorch.
     *
     * @param x the array
     * @param value the constant
     * @return the result, on {@code x}'s device
     */
    public static NDArray div(NDArray x, float value) {
        return x.div(of(x, value));
    }

    /**
     * Returns {@code max(x, value)}, the constant made by libtorch.
     *
     * @param x the array
     * @param value the constant
     * @return the result, on {@code x}'s device
     */
    public static NDArray maximum(NDArray x, float value) {
        return x.maximum(of(x, value));
    }

    /**
     * Returns {@code value − x}, the constant made by libtorch.
     *
     * @param value the constant
     * @param x the array
     * @return the result, on {@code x}'s device
     */
    public static NDArray rsub(float value, NDArray x) {
        return of(x, value).sub(x);
    }
}
