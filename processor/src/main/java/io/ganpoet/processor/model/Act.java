package io.ganpoet.processor.model;

import java.util.Locale;

/** The processor's copy of {@code io.ganpoet.spec.Activation}, read by constant name. */
public enum Act {
    NONE("identity"),
    RELU("ReLU"),
    LEAKY_RELU("LeakyReLU"),
    ELU("ELU"),
    SELU("SELU"),
    GELU("GELU"),
    SIGMOID("Sigmoid"),
    TANH("Tanh"),
    SOFTPLUS("Softplus");

    private final String displayName;

    Act(String displayName) {
        this.displayName = displayName;
    }

    /** Whether the activation takes the block's slope / alpha. */
    public boolean takesSlope() {
        return this == LEAKY_RELU || this == ELU;
    }

    /** How the activation appears in layer tables, e.g. {@code LeakyReLU(0.2)}. */
    public String describe(float slope) {
        return takesSlope() ? displayName + "(" + formatFloat(slope) + ")" : displayName;
    }

    /** Shortest decimal text for a float, as Java source would read it back: {@code 0.2}. */
    public static String formatFloat(float value) {
        String text = Float.toString(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text.toLowerCase(Locale.ROOT);
    }
}
