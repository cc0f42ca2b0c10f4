package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.Activations;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.TensorShape;
import java.util.List;

/**
 * The value checks more than one analysis applies, each returning its {@link Problem} or {@code
 * null}: sizes within {@link Limits}, slopes that keep a network finite, layers whose tensors and
 * parameters fit. One wording per check, wherever the value is written. Pure.
 */
public final class Checks {

    /**
     * The largest slope (LeakyReLU) or alpha (ELU) accepted, in magnitude. Beyond it an activation
     * multiplies what it lets through at every layer, until a float overflows: {@code leakySlope =
     * -Float.MAX_VALUE} turns G(z) into NaN on the first pass. PyTorch's defaults are 0.01 and 1.
     */
    public static final float MAX_SLOPE = 1f;

    private Checks() {}

    /** The error for a size above {@link Limits#MAX_SIZE}, or {@code null} when it is within it. */
    public static Problem tooLarge(Location location, String who, String what, long value) {
        return value > Limits.MAX_SIZE
                ? Problem.error(
                        location,
                        who + ": " + what + " " + value + " is too large; ganpoet supports at most " + Limits.MAX_SIZE)
                : null;
    }

    /** A slope must be a finite number within ±{@link #MAX_SLOPE}; generated code writes it as a float literal. */
    public static Problem slope(Location location, String who, float slope) {
        if (!Float.isFinite(slope)) {
            return Problem.error(
                    location, who + ": leakySlope must be a finite number, got " + Activations.formatFloat(slope));
        }
        if (Math.abs(slope) > MAX_SLOPE) {
            return Problem.error(
                    location,
                    who + ": leakySlope must be in [-1, 1], got " + Activations.formatFloat(slope)
                            + "; a larger slope or alpha multiplies activations at every layer until they overflow"
                            + " (0.2 is the DCGAN slope, 1 the usual ELU alpha)");
        }
        return null;
    }

    /**
     * An error when one of the layer's tensors or its parameters exceeds {@link Limits#MAX_ELEMENTS},
     * or its counts overflow; {@code null} when the layer is within limits.
     */
    public static Problem layerLimits(Layer layer, String who) {
        try {
            List<TensorShape> shapes = layer.shapes();
            for (TensorShape shape : shapes) {
                long elements = 1;
                for (long d : shape.dims()) {
                    elements = Math.multiplyExact(elements, d);
                }
                if (elements > Limits.MAX_ELEMENTS) {
                    return Problem.error(
                            layer.at(),
                            who + ": the " + shape + " tensor has " + elements
                                    + " elements per sample; ganpoet supports at most " + Limits.MAX_ELEMENTS);
                }
            }
            long parameters = layer.parameters();
            if (parameters > Limits.MAX_ELEMENTS) {
                return Problem.error(
                        layer.at(),
                        who + ": " + parameters + " parameters in one layer; ganpoet supports at most "
                                + Limits.MAX_ELEMENTS);
            }
            layer.multiplyAdds();
            return null;
        } catch (ArithmeticException e) {
            return Problem.error(layer.at(), who + ": the layer's sizes overflow a long; make it smaller");
        }
    }
}
