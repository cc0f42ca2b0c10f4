package io.ganpoet.train.config;

import java.util.List;

/**
 * One key: its type, default, allowed range or choices, what it means, and whether a resumed
 * run may change it ({@link io.ganpoet.train.run.RunDirectory} refuses any other change: the run directory would no
 * longer say how its weights were made).
 */
public record ConfigKey(
        String name,
        Type type,
        Object defaultValue,
        double min,
        double max,
        List<String> choices,
        String help,
        boolean mayChangeOnResume) {
    /**
     * Returns an integer key.
     *
     * @param name the dotted name
     * @param def its default
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @param help one line for {@code ConfigSchema.describe}
     * @return the key
     */
    public static ConfigKey integer(String name, int def, int min, int max, String help) {
        return new ConfigKey(name, Type.INT, def, min, max, List.of(), help, false);
    }

    /**
     * Returns a real-valued key.
     *
     * @param name the dotted name
     * @param def its default
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @param help one line for {@code ConfigSchema.describe}
     * @return the key
     */
    public static ConfigKey real(String name, double def, double min, double max, String help) {
        return new ConfigKey(name, Type.DOUBLE, def, min, max, List.of(), help, false);
    }

    /**
     * Returns a text key.
     *
     * @param name the dotted name
     * @param def its default
     * @param help one line for {@code ConfigSchema.describe}
     * @return the key
     */
    public static ConfigKey text(String name, String def, String help) {
        return new ConfigKey(name, Type.STRING, def, 0, 0, List.of(), help, false);
    }

    /**
     * Returns a key whose value is one of a list of names.
     *
     * @param name the dotted name
     * @param def its default, one of the choices
     * @param choices the names accepted
     * @param help one line for {@code ConfigSchema.describe}
     * @return the key
     */
    public static ConfigKey choice(String name, String def, List<String> choices, String help) {
        return new ConfigKey(name, Type.ENUM, def, 0, 0, choices, help, false);
    }

    /**
     * This key, allowed to change when a run is resumed (the change is recorded in the run).
     *
     * @return a copy of this key that may change on resume
     */
    public ConfigKey allowChangeOnResume() {
        return new ConfigKey(name, type, defaultValue, min, max, choices, help, true);
    }

    /** Kinds of value a key takes. */
    public enum Type {
        /**
         * A whole number.
         */
        INT,
        /**
         * A real number.
         */
        DOUBLE,
        /**
         * Text, taken as written.
         */
        STRING,
        /**
         * One of a fixed list of names.
         */
        ENUM
    }
}
