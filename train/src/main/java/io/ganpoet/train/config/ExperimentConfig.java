package io.ganpoet.train.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * An experiment: every hyper-parameter of a training run (named so as not to collide with DJL's
 * {@code ai.djl.training.TrainingConfig}), read from a YAML file (nested maps,
 * e.g. {@code optimizer: {generator: {lr: 2e-4}}}) and overridable with dotted {@code key=value}
 * pairs. Unknown keys, wrong types and out-of-range values are rejected with a message naming the
 * file and the key. YAML is loaded with snakeyaml-engine, which builds only maps, lists and
 * scalars, never arbitrary types.
 *
 * <p>The core's keys are {@link ConfigSchema#CORE_KEYS}; an application adds its own (which model, where the
 * data is) through a {@link ConfigSchema}. Each concern reads its keys once into a typed record
 * ({@code LoopSettings}, {@code GanSettings}, {@code AutoencoderSettings}, {@code
 * OptimizerSettings}, {@code ReportSettings}), in its own package.
 */
public final class ExperimentConfig {

    private final ConfigSchema schema;
    private final Map<String, ConfigKey> byName;
    private final List<ConfigKey> keys;
    private final Map<String, Object> values;

    private ExperimentConfig(ConfigSchema schema, Map<String, Object> values) {
        this.schema = schema;
        this.byName = schema.byName;
        this.keys = schema.keys;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Every core key at its default.
     *
     * @return the core defaults
     */
    public static ExperimentConfig defaults() {
        return defaults(ConfigSchema.CORE);
    }

    /**
     * Every key of a schema at its default.
     *
     * @param schema the keys
     * @return the defaults
     */
    public static ExperimentConfig defaults(ConfigSchema schema) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey key : schema.keys) {
            values.put(key.name(), key.defaultValue());
        }
        return new ExperimentConfig(schema, values);
    }

    /**
     * Returns the keys this configuration holds.
     *
     * @return the schema
     */
    public ConfigSchema schema() {
        return schema;
    }

    /**
     * Reads a YAML file over the defaults.
     *
     * @param file the experiment file
     * @return the configuration
     * @throws IOException if unreadable
     * @throws ConfigException naming the file and key for any invalid content
     */
    public static ExperimentConfig load(Path file) throws IOException {
        return load(file, ConfigSchema.CORE);
    }

    /**
     * Reads a YAML file over a schema's defaults.
     *
     * @param file the YAML file
     * @param schema the keys it may hold
     * @return the configuration
     * @throws IOException naming the file when it cannot be read
     */
    public static ExperimentConfig load(Path file, ConfigSchema schema) throws IOException {
        return parse(ConfigYaml.readText(file), file.toString(), schema);
    }

    /**
     * Parses YAML text over the defaults.
     *
     * @param yaml the text
     * @param origin the file name for messages
     * @return the configuration
     */
    public static ExperimentConfig parse(String yaml, String origin) {
        return parse(yaml, origin, ConfigSchema.CORE);
    }

    /**
     * Parses YAML text over a schema's defaults.
     *
     * @param yaml the YAML text
     * @param origin where it comes from, as messages name it
     * @param schema the keys it may hold
     * @return the configuration
     */
    public static ExperimentConfig parse(String yaml, String origin, ConfigSchema schema) {
        ExperimentConfig config = defaults(schema);
        return config.with(ConfigYaml.read(yaml, origin, schema.byName), origin);
    }

    /**
     * Applies {@code key=value} overrides (dotted keys; values read as YAML scalars); messages name
     * them as {@code overrides}.
     *
     * @param overrides e.g. {@code ["epochs=2", "optimizer.generator.lr=1e-4"]}
     * @return the new configuration
     */
    public ExperimentConfig withOverrides(List<String> overrides) {
        return withOverrides(overrides, "overrides");
    }

    /**
     * Applies {@code key=value} overrides (dotted keys; values read as YAML scalars).
     *
     * @param overrides e.g. {@code ["epochs=2", "optimizer.generator.lr=1e-4"]}
     * @param origin where they come from, as messages name it (e.g. {@code command line})
     * @return the new configuration
     */
    public ExperimentConfig withOverrides(List<String> overrides, String origin) {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("override '" + override + "': expected key=value");
            }
            String key = override.substring(0, eq).trim();
            String text = override.substring(eq + 1);
            ConfigKey known = byName.get(key);
            if (known != null && known.type() == ConfigKey.Type.STRING) {
                // Text (a path, a device) is taken as written: "{", "#" or ": " are legal in a path.
                flat.put(key, text);
                continue;
            }
            Object value;
            try {
                value = new Load(LoadSettings.builder().build()).loadFromString(text);
            } catch (YamlEngineException e) {
                throw new ConfigException(origin + ": " + override + ": the value of '" + key
                        + "' is not a plain YAML value (" + ConfigValues.firstLine(e.getMessage()) + "); write e.g. "
                        + key + "="
                        + (known == null ? "VALUE" : String.valueOf(known.defaultValue())));
            }
            flat.put(key, value == null ? "" : value);
        }
        return with(flat, origin);
    }

    private ExperimentConfig with(Map<String, Object> updates, String origin) {
        Map<String, Object> next = new LinkedHashMap<>(values);
        for (Map.Entry<String, Object> e : updates.entrySet()) {
            ConfigKey key = schema.require(e.getKey(), e.getValue(), origin);
            next.put(key.name(), ConfigValues.coerce(key, e.getValue(), origin));
        }
        return new ExperimentConfig(schema, next);
    }

    /**
     * Returns an integer key's value.
     *
     * @param key the dotted name
     * @return the value
     */
    public int integer(String key) {
        return (Integer) get(key, ConfigKey.Type.INT);
    }

    /**
     * Returns a real key's value.
     *
     * @param key the dotted name
     * @return the value
     */
    public double real(String key) {
        return (Double) get(key, ConfigKey.Type.DOUBLE);
    }

    /**
     * Returns a text or choice key's value.
     *
     * @param key the dotted name
     * @return the value
     */
    public String text(String key) {
        ConfigKey k = byName.get(key);
        if (k == null || (k.type() != ConfigKey.Type.STRING && k.type() != ConfigKey.Type.ENUM)) {
            throw new IllegalArgumentException("no text key " + key);
        }
        return (String) values.get(key);
    }

    private Object get(String key, ConfigKey.Type type) {
        ConfigKey k = byName.get(key);
        if (k == null || k.type() != type) {
            throw new IllegalArgumentException("no " + type + " key " + key);
        }
        return values.get(key);
    }

    /**
     * Refuses this configuration when it sets a key the caller never reads away from the baseline (the
     * defaults, or a resumed run's recorded configuration): what trains with it would ignore the setting,
     * yet the run's {@code config.yaml} would record it.
     *
     * @param groups keys, or groups of keys such as {@code loss} (every {@code loss.*} key)
     * @param baseline the configuration whose values are not refused
     * @param reader who ignores them, as the subject of "never reads"
     * @throws ConfigException naming every such key with its value
     */
    public void refuseUnread(List<String> groups, ExperimentConfig baseline, String reader) {
        List<String> set = new ArrayList<>();
        for (ConfigKey key : keys) {
            boolean inGroup = groups.stream()
                    .anyMatch(g -> key.name().equals(g) || key.name().startsWith(g + "."));
            if (inGroup && !java.util.Objects.equals(values.get(key.name()), baseline.values.get(key.name()))) {
                set.add(key.name() + " " + ConfigValues.describe(values.get(key.name())));
            }
        }
        if (!set.isEmpty()) {
            throw new ConfigException(
                    (set.size() == 1 ? set.get(0) + " is set" : String.join(", ", set) + " are set") + ", but "
                            + reader + " never reads " + (set.size() == 1 ? "it" : "them") + "; leave "
                            + (set.size() == 1 ? "it" : "them")
                            + " out of the config and --set, so the run records only what it used");
        }
    }

    /**
     * The keys whose values differ from another configuration's, in schema order.
     *
     * @param other a configuration of the same schema
     * @return the differing keys
     */
    public List<ConfigKey> differences(ExperimentConfig other) {
        List<ConfigKey> differ = new ArrayList<>();
        for (ConfigKey key : keys) {
            if (!java.util.Objects.equals(values.get(key.name()), other.values.get(key.name()))) {
                differ.add(key);
            }
        }
        return differ;
    }

    /**
     * A key's value as YAML would write it, for messages and logs.
     *
     * @param key the dotted name
     * @return the value: a number or a string
     */
    public Object value(String key) {
        if (!byName.containsKey(key)) {
            throw new IllegalArgumentException("no key " + key);
        }
        return values.get(key);
    }

    /**
     * The configuration as nested YAML, every key written out: what a run directory keeps.
     *
     * @return the YAML text
     */
    public String toYaml() {
        return ConfigYaml.write(keys, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExperimentConfig other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return new TreeMap<>(values).toString();
    }
}
