package io.ganpoet.processor.model;

import io.ganpoet.spec.Activation;

/**
 * What the processor needs to know about {@link io.ganpoet.spec.Activation}, the spec's own enum
 * (no copy): display names and which constants take a slope. Switches over the enum have no
 * default, so a constant added to the spec fails this module's compilation until it is handled.
 */
public final class Activations {

    private Activations() {}

    /** Whether the activation takes the block's slope / alpha. */
    public static boolean takesSlope(Activation activation) {
        return activation == Activation.LEAKY_RELU || activation == Activation.ELU;
    }

    /** How the activation appears in layer tables, e.g. {@code LeakyReLU(0.2)}. */
    public static String describe(Activation activation, float slope) {
        String name =
                switch (activation) {
                    case NONE -> "identity";
                    case RELU -> "ReLU";
                    case LEAKY_RELU -> "LeakyReLU";
                    case ELU -> "ELU";
                    case SELU -> "SELU";
                    case GELU -> "GELU";
                    case SIGMOID -> "Sigmoid";
                    case TANH -> "Tanh";
                    case SOFTPLUS -> "Softplus";
                };
        return takesSlope(activation) ? name + "(" + formatFloat(slope) + ")" : name;
    }

    /**
     * A float as Java source writes it, shortest form: {@code 0.2}, {@code 1.0e-10}, {@code NaN},
     * {@code Infinity}, {@code -Infinity}.
     */
    public static String formatFloat(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return Float.toString(value); // "NaN", "Infinity", "-Infinity"
        }
        String text = Float.toString(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text.replace('E', 'e');
    }
}
