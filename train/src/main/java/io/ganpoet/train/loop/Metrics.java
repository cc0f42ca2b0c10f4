package io.ganpoet.train.loop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A step's metric values by name, in the order the step declared them: what {@code metrics.csv}
 * writes as columns and what listeners read by name (never by position).
 */
public final class Metrics {

    private final Map<String, Float> values;

    private Metrics(Map<String, Float> values) {
        this.values = values;
    }

    /**
     * Starts an ordered set of metrics.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One metric's value.
     *
     * @param name the metric's name
     * @return its value
     * @throws IllegalArgumentException when the step gave no metric of that name
     */
    public float get(String name) {
        Float v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + name + "'; the step gives " + names());
        }
        return v;
    }

    /**
     * The names, in order.
     *
     * @return the names
     */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /**
     * The values in the order of {@code names}.
     *
     * @param names the names wanted (a step's {@code metricNames()})
     * @return one value per name
     */
    public float[] valuesOf(List<String> names) {
        float[] out = new float[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(names.get(i));
        }
        return out;
    }

    /**
     * These metrics followed by {@code more}'s.
     *
     * @param more metrics of another phase
     * @return both, this one's first
     */
    public Metrics and(Metrics more) {
        Map<String, Float> all = new LinkedHashMap<>(values);
        all.putAll(more.values);
        return new Metrics(all);
    }

    /**
     * The metrics as an ordered map.
     *
     * @return name to value
     */
    public Map<String, Float> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metrics m && m.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Adds metrics one by one; a value added twice under one name is summed (shards). */
    public static final class Builder {
        private final Map<String, Float> values = new LinkedHashMap<>();

        /**
         * Adds {@code value} to the metric {@code name} (starting from 0).
         *
         * @param name the metric
         * @param value the amount
         * @return this builder
         */
        public Builder add(String name, float value) {
            values.merge(Objects.requireNonNull(name, "name"), value, Float::sum);
            return this;
        }

        /**
         * The metrics, each divided by {@code count}: the mean over shards.
         *
         * @param count how many shards were added
         * @return the means
         */
        public Metrics mean(int count) {
            Map<String, Float> out = new LinkedHashMap<>();
            values.forEach((k, v) -> out.put(k, v / count));
            return new Metrics(out);
        }

        /**
         * The metrics as added.
         *
         * @return the metrics
         */
        public Metrics build() {
            return new Metrics(new LinkedHashMap<>(values));
        }
    }

    /**
     * Metrics from names and values given in the same order.
     *
     * @param names the names
     * @param values their values
     * @return the metrics
     */
    public static Metrics of(List<String> names, float... values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names for " + values.length + " values");
        }
        Builder b = builder();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (seen.contains(names.get(i))) {
                throw new IllegalArgumentException("metric '" + names.get(i) + "' named twice");
            }
            seen.add(names.get(i));
            b.add(names.get(i), values[i]);
        }
        return b.build();
    }
}
