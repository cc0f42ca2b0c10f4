package io.ganpoet.train;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * An experiment: every hyper-parameter of a training run (named so as not to collide with DJL's
 * {@code ai.djl.training.TrainingConfig}), read from a YAML file (nested maps,
 * e.g. {@code optimizer: {generator: {lr: 2e-4}}}) and overridable with dotted {@code key=value}
 * pairs. Unknown keys, wrong types and out-of-range values are rejected with a message naming the
 * file and the key. YAML is loaded with snakeyaml-engine, which builds only maps, lists and
 * scalars, never arbitrary types.
 *
 * <p>The core's keys are {@link #CORE_KEYS}; an application adds its own (which model, where the
 * data is) through a {@link Schema}. Each concern reads its keys once into a typed record ({@link
 * LoopSettings}, {@link GanSettings}, {@link AutoencoderSettings}, {@link OptimizerSettings}, {@link
 * io.ganpoet.train.report.ReportSettings}).
 */
public final class ExperimentConfig {

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

    /**
     * One key: its type, default, allowed range or choices, what it means, and whether a resumed
     * run may change it ({@link RunDirectory} refuses any other change: the run directory would no
     * longer say how its weights were made).
     */
    public record Key(
            String name, Type type, Object defaultValue, double min, double max, List<String> choices, String help,
            boolean mayChangeOnResume) {
        /**
         * Returns an integer key.
         *
         * @param name the dotted name
         * @param def its default
         * @param min the smallest value accepted
         * @param max the largest value accepted
         * @param help one line for {@code describeKeys}
         * @return the key
         */
        public static Key integer(String name, int def, int min, int max, String help) {
            return new Key(name, Type.INT, def, min, max, List.of(), help, false);
        }

        /**
         * Returns a real-valued key.
         *
         * @param name the dotted name
         * @param def its default
         * @param min the smallest value accepted
         * @param max the largest value accepted
         * @param help one line for {@code describeKeys}
         * @return the key
         */
        public static Key real(String name, double def, double min, double max, String help) {
            return new Key(name, Type.DOUBLE, def, min, max, List.of(), help, false);
        }

        /**
         * Returns a text key.
         *
         * @param name the dotted name
         * @param def its default
         * @param help one line for {@code describeKeys}
         * @return the key
         */
        public static Key text(String name, String def, String help) {
            return new Key(name, Type.STRING, def, 0, 0, List.of(), help, false);
        }

        /**
         * Returns a key whose value is one of a list of names.
         *
         * @param name the dotted name
         * @param def its default, one of the choices
         * @param choices the names accepted
         * @param help one line for {@code describeKeys}
         * @return the key
         */
        public static Key choice(String name, String def, List<String> choices, String help) {
            return new Key(name, Type.ENUM, def, 0, 0, choices, help, false);
        }

        /**
         * This key, allowed to change when a run is resumed (the change is recorded in the run).
         *
         * @return a copy of this key that may change on resume
         */
        public Key allowChangeOnResume() {
            return new Key(name, type, defaultValue, min, max, choices, help, true);
        }
    }

    /** The core's keys, in the order {@link #toYaml()} writes them. */
    public static final List<Key> CORE_KEYS =
            List.of(
                    Key.integer("epochs", 5, 1, 1_000_000, "passes over the data").allowChangeOnResume(),
                    Key.integer("batch_size", 64, 1, 65_536, "images per step"),
                    Key.integer("steps_per_epoch", 0, 0, Integer.MAX_VALUE, "cap on steps per epoch; 0 = one full pass"),
                    Key.integer("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE, "seeds initialisation, shuffling and noise"),
                    Key.text("device", "auto", "auto, cpu, gpu or gpu:N; several comma-separated GPUs train data-parallel").allowChangeOnResume(),
                    Key.integer(
                            "cpu_threads",
                            0,
                            0,
                            1024,
                            "libtorch CPU threads; 0 = one per core; 1 makes CPU runs bit-reproducible").allowChangeOnResume(),
                    Key.choice(
                            "kernels",
                            "checked",
                            List.of("checked", "trusted", "unchecked"),
                            "convolution kernels: checked against a float64 reference before first use (a wrong one is"
                                    + " rerouted), trusted (ganpoet's im2col kernel everywhere) or unchecked").allowChangeOnResume(),
                    Key.integer("checkpoint.every_steps", 0, 0, Integer.MAX_VALUE,
                            "also checkpoint every N steps (mid-epoch); 0 = after each epoch only").allowChangeOnResume(),
                    Key.choice(
                            "loss.kind",
                            "bce",
                            List.of("bce", "minimax", "hinge", "lsgan", "wgan-gp"),
                            "GAN loss; bce is the non-saturating loss of the DCGAN paper"),
                    Key.real("loss.label_smoothing", 0.0, 0.0, 0.5, "one-sided: real targets become 1 - s"),
                    Key.integer("loss.n_critic", 1, 1, 100, "discriminator steps per generator step"),
                    Key.real("loss.gp_weight", 10.0, 0.0, 1e6, "gradient penalty weight for wgan-gp"),
                    Key.choice(
                            "loss.generator_batch",
                            "same",
                            List.of("same", "fresh"),
                            "generator step on the discriminator's fake batch, or on a new one"),
                    Key.choice(
                            "loss.fake_labels",
                            "uniform",
                            List.of("uniform", "batch"),
                            "conditional models: generate for labels drawn uniformly, or for the real batch's labels"),
                    Key.real("optimizer.discriminator.lr", 2e-4, 1e-12, 10, "Adam learning rate").allowChangeOnResume(),
                    Key.real("optimizer.discriminator.beta1", 0.5, 0, 0.999999, "Adam beta1"),
                    Key.real("optimizer.discriminator.beta2", 0.999, 0, 0.999999999, "Adam beta2"),
                    Key.real("optimizer.generator.lr", 2e-4, 1e-12, 10, "Adam learning rate").allowChangeOnResume(),
                    Key.real("optimizer.generator.beta1", 0.5, 0, 0.999999, "Adam beta1"),
                    Key.real("optimizer.generator.beta2", 0.999, 0, 0.999999999, "Adam beta2"),
                    Key.choice("autoencoder.loss", "mse", List.of("mse", "bce"),
                            "autoencoder / VAE reconstruction loss, on pixels in [0, 1]"),
                    Key.real("autoencoder.noise_std", 0.0, 0.0, 10.0,
                            "denoising: sigma of Gaussian noise added to the input in [0, 1], then clipped; 0 = none"),
                    Key.real("vae.beta", 1.0, 0.0, 1e6, "weight of the VAE's KL term (1 = the ELBO)"),
                    Key.real("optimizer.encoder.lr", 1e-3, 1e-12, 10, "Adam learning rate").allowChangeOnResume(),
                    Key.real("optimizer.encoder.beta1", 0.9, 0, 0.999999, "Adam beta1"),
                    Key.real("optimizer.encoder.beta2", 0.999, 0, 0.999999999, "Adam beta2"),
                    Key.real("optimizer.decoder.lr", 1e-3, 1e-12, 10, "Adam learning rate").allowChangeOnResume(),
                    Key.real("optimizer.decoder.beta1", 0.9, 0, 0.999999, "Adam beta1"),
                    Key.real("optimizer.decoder.beta2", 0.999, 0, 0.999999999, "Adam beta2"),
                    Key.choice("init", "dcgan", List.of("dcgan", "default"), "DCGAN N(0, 0.02) initialisation, or DJL's"),
                    Key.integer("sample.every_epochs", 1, 1, 1_000_000, "write a sample grid every N epochs").allowChangeOnResume(),
                    Key.integer("sample.grid", 64, 1, 1024, "images in a sample grid"),
                    Key.integer("log.every_steps", 50, 1, Integer.MAX_VALUE, "plain progress line cadence off a terminal").allowChangeOnResume());

    /** The keys a configuration accepts: the core's and an application's. */
    public static final class Schema {
        /** The core's keys alone. */
        public static final Schema CORE = new Schema(CORE_KEYS);

        private final List<Key> keys;
        private final Map<String, Key> byName = new LinkedHashMap<>();

        private Schema(List<Key> keys) {
            this.keys = List.copyOf(keys);
            for (Key key : keys) {
                if (byName.put(key.name(), key) != null) {
                    throw new IllegalArgumentException("config key '" + key.name() + "' is declared twice");
                }
            }
        }

        /**
         * This schema plus an application's keys, written after the core's.
         *
         * @param more the application's keys
         * @return the extended schema
         */
        public Schema with(List<Key> more) {
            List<Key> all = new ArrayList<>(keys);
            all.addAll(more);
            return new Schema(all);
        }

        /**
         * Returns the keys, core keys first.
         *
         * @return the keys in order
         */
        public List<Key> keys() {
            return keys;
        }
    }

    private final Schema schema;
    private final Map<String, Key> byName;
    private final List<Key> keys;
    private final Map<String, Object> values;

    private ExperimentConfig(Schema schema, Map<String, Object> values) {
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
        return defaults(Schema.CORE);
    }

    /**
     * Every key of a schema at its default.
     *
     * @param schema the keys
     * @return the defaults
     */
    public static ExperimentConfig defaults(Schema schema) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Key key : schema.keys) {
            values.put(key.name(), key.defaultValue());
        }
        return new ExperimentConfig(schema, values);
    }

    /**
     * Returns the keys this configuration holds.
     *
     * @return the schema
     */
    public Schema schema() {
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
        return load(file, Schema.CORE);
    }

    /**
     * Reads a YAML file over a schema's defaults.
     *
     * @param file the YAML file
     * @param schema the keys it may hold
     * @return the configuration
     * @throws IOException naming the file when it cannot be read
     */
    public static ExperimentConfig load(Path file, Schema schema) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            // The JDK's own words here are "Input length = 1", naming neither the file nor the problem.
            throw new ConfigException(file + ": not a text file (its bytes are not UTF-8 text); give an experiment YAML file");
        }
        return parse(text, file.toString(), schema);
    }

    /**
     * Parses YAML text over the defaults.
     *
     * @param yaml the text
     * @param origin the file name for messages
     * @return the configuration
     */
    public static ExperimentConfig parse(String yaml, String origin) {
        return parse(yaml, origin, Schema.CORE);
    }

    /**
     * Parses YAML text over a schema's defaults.
     *
     * @param yaml the YAML text
     * @param origin where it comes from, as messages name it
     * @param schema the keys it may hold
     * @return the configuration
     */
    public static ExperimentConfig parse(String yaml, String origin, Schema schema) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(origin).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException(yamlProblem(origin, e));
        }
        ExperimentConfig config = defaults(schema);
        if (root == null) {
            return config;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(origin + ": expected a map of settings at the top level");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        config.flatten("", map, flat, origin);
        return config.with(flat, origin);
    }

    /**
     * snakeyaml's report (several lines with a snippet and a caret) as one sentence: where, and what. A key
     * written twice says which, so the user knows which of the two to delete.
     */
    private static String yamlProblem(String origin, YamlEngineException e) {
        if (!(e instanceof MarkedYamlEngineException marked)) {
            return origin + ": not valid YAML: " + firstLine(e.getMessage());
        }
        String at = marked.getProblemMark().or(marked::getContextMark)
                .map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                .orElse("");
        String problem = marked.getProblem() == null ? firstLine(e.getMessage()) : marked.getProblem().strip();
        if (e instanceof DuplicateKeyException && problem.startsWith(DUPLICATE_KEY)) {
            return origin + ": key '" + problem.substring(DUPLICATE_KEY.length()).strip() + "' is written twice in the"
                    + " same map (again" + at + "); keep one of them";
        }
        String context = marked.getContext() == null || marked.getContext().isBlank() ? "" : marked.getContext().strip() + ", ";
        return origin + ": not valid YAML" + at + ": " + context + problem;
    }

    /** How snakeyaml-engine's {@link DuplicateKeyException} starts its problem text. */
    private static final String DUPLICATE_KEY = "found duplicate key";

    private void flatten(String prefix, Map<?, ?> map, Map<String, Object> into, String origin) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                if (byName.containsKey(key)) {
                    throw new ConfigException(origin + ": key '" + key + "' takes a value, not a map");
                }
                flatten(key + ".", nested, into, origin);
            } else {
                into.put(key, e.getValue());
            }
        }
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
            Key known = byName.get(key);
            if (known != null && known.type() == Type.STRING) {
                // Text (a path, a device) is taken as written: "{", "#" or ": " are legal in a path.
                flat.put(key, text);
                continue;
            }
            Object value;
            try {
                value = new Load(LoadSettings.builder().build()).loadFromString(text);
            } catch (YamlEngineException e) {
                throw new ConfigException(origin + ": " + override + ": the value of '" + key
                        + "' is not a plain YAML value (" + firstLine(e.getMessage()) + "); write e.g. " + key + "="
                        + (known == null ? "VALUE" : String.valueOf(known.defaultValue())));
            }
            flat.put(key, value == null ? "" : value);
        }
        return with(flat, origin);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip().lines().findFirst().orElse("unreadable");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    private ExperimentConfig with(Map<String, Object> updates, String origin) {
        Map<String, Object> next = new LinkedHashMap<>(values);
        for (Map.Entry<String, Object> e : updates.entrySet()) {
            Key key = byName.get(e.getKey());
            if (key == null) {
                List<String> children = children(e.getKey());
                if (!children.isEmpty()) {
                    throw new ConfigException(origin + ": '" + e.getKey() + "' is a group of keys (" + String.join(", ", children)
                            + "), not a value; write e.g. " + e.getKey() + ": {" + children.get(0) + ": " + e.getValue()
                            + "} in YAML, or the override " + e.getKey() + "." + children.get(0) + "=" + e.getValue());
                }
                throw new ConfigException(origin + ": unknown key '" + e.getKey() + "'" + suggestion(e.getKey()));
            }
            next.put(key.name(), coerce(key, e.getValue(), origin));
        }
        return new ExperimentConfig(schema, next);
    }

    /** The keys directly under a group such as {@code loss}, or none when it is no group. */
    private List<String> children(String group) {
        String prefix = group + ".";
        List<String> children = new ArrayList<>();
        for (String name : byName.keySet()) {
            if (name.startsWith(prefix)) {
                String rest = name.substring(prefix.length());
                String head = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (!children.contains(head)) {
                    children.add(head);
                }
            }
        }
        return children;
    }

    private String suggestion(String unknown) {
        int dot = unknown.lastIndexOf('.');
        String prefix = dot < 0 ? "" : unknown.substring(0, dot + 1);
        List<String> siblings = new ArrayList<>();
        for (String name : byName.keySet()) {
            if (name.startsWith(prefix) && name.indexOf('.', prefix.length()) < 0) {
                siblings.add(name.substring(prefix.length()));
            }
        }
        if (siblings.isEmpty()) {
            return "; known keys: " + String.join(", ", byName.keySet());
        }
        return prefix.isEmpty()
                ? "; known top-level keys: " + String.join(", ", topLevel())
                : "; known keys under " + prefix.substring(0, prefix.length() - 1) + ": " + String.join(", ", siblings);
    }

    private List<String> topLevel() {
        List<String> names = new ArrayList<>();
        for (String name : byName.keySet()) {
            String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            if (!names.contains(head)) {
                names.add(head);
            }
        }
        return names;
    }

    private static Object coerce(Key key, Object value, String origin) {
        String where = origin + ": key '" + key.name() + "'";
        switch (key.type()) {
            case INT:
                if (!(value instanceof Integer || value instanceof Long)) {
                    throw new ConfigException(where + " must be an integer, got " + describe(value));
                }
                long n = ((Number) value).longValue();
                if (n < key.min() || n > key.max()) {
                    throw new ConfigException(where + " must be in [" + fmt(key.min()) + ", " + fmt(key.max()) + "], got " + n);
                }
                return (int) n;
            case DOUBLE:
                if (!(value instanceof Number)) {
                    throw new ConfigException(where + " must be a number, got " + describe(value));
                }
                double d = ((Number) value).doubleValue();
                if (!(d >= key.min() && d <= key.max())) {
                    throw new ConfigException(where + " must be in [" + fmt(key.min()) + ", " + fmt(key.max()) + "], got " + d);
                }
                return d;
            case ENUM:
                String choice = String.valueOf(value).toLowerCase(Locale.ROOT);
                if (!key.choices().contains(choice)) {
                    throw new ConfigException(where + " must be one of " + key.choices() + ", got " + describe(value));
                }
                return choice;
            default:
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    throw new ConfigException(where + " must be text, got " + describe(value));
                }
                return String.valueOf(value);
        }
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Returns an integer key's value.
     *
     * @param key the dotted name
     * @return the value
     */
    public int integer(String key) {
        return (Integer) get(key, Type.INT);
    }

    /**
     * Returns a real key's value.
     *
     * @param key the dotted name
     * @return the value
     */
    public double real(String key) {
        return (Double) get(key, Type.DOUBLE);
    }

    /**
     * Returns a text or choice key's value.
     *
     * @param key the dotted name
     * @return the value
     */
    public String text(String key) {
        Key k = byName.get(key);
        if (k == null || (k.type() != Type.STRING && k.type() != Type.ENUM)) {
            throw new IllegalArgumentException("no text key " + key);
        }
        return (String) values.get(key);
    }

    private Object get(String key, Type type) {
        Key k = byName.get(key);
        if (k == null || k.type() != type) {
            throw new IllegalArgumentException("no " + type + " key " + key);
        }
        return values.get(key);
    }

    /**
     * Refuses this configuration when it sets a key the caller never reads away from the key's default: what
     * trains with it would ignore the setting, yet the run's {@code config.yaml} would record it.
     *
     * @param groups keys, or groups of keys such as {@code loss} (every {@code loss.*} key)
     * @param reader who ignores them, as the subject of "never reads", e.g. {@code "ganpoet denoise (an autoencoder)"}
     * @throws ConfigException naming every such key with its value
     */
    public void refuseUnread(List<String> groups, String reader) {
        refuseUnread(groups, defaults(schema), reader);
    }

    /**
     * {@link #refuseUnread(List, String)} against another baseline than the defaults: a resumed run's recorded
     * configuration, so only what is asked now is refused, never what a run already recorded.
     *
     * @param groups keys, or groups of keys such as {@code loss} (every {@code loss.*} key)
     * @param baseline the configuration whose values are not refused
     * @param reader who ignores them, as the subject of "never reads"
     * @throws ConfigException naming every such key with its value
     */
    public void refuseUnread(List<String> groups, ExperimentConfig baseline, String reader) {
        List<String> set = new ArrayList<>();
        for (Key key : keys) {
            boolean inGroup = groups.stream().anyMatch(g -> key.name().equals(g) || key.name().startsWith(g + "."));
            if (inGroup && !java.util.Objects.equals(values.get(key.name()), baseline.values.get(key.name()))) {
                set.add(key.name() + " " + describe(values.get(key.name())));
            }
        }
        if (!set.isEmpty()) {
            throw new ConfigException((set.size() == 1 ? set.get(0) + " is set" : String.join(", ", set) + " are set") + ", but "
                    + reader + " never reads " + (set.size() == 1 ? "it" : "them") + "; leave "
                    + (set.size() == 1 ? "it" : "them") + " out of the config and --set, so the run records only what it used");
        }
    }

    /**
     * The keys whose values differ from another configuration's, in schema order.
     *
     * @param other a configuration of the same schema
     * @return the differing keys
     */
    public List<Key> differences(ExperimentConfig other) {
        List<Key> differ = new ArrayList<>();
        for (Key key : keys) {
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
        Map<String, Object> root = new LinkedHashMap<>();
        for (Key key : keys) {
            String[] parts = key.name().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                node = child;
            }
            node.put(parts[parts.length - 1], values.get(key.name()));
        }
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(root);
    }

    /**
     * Every key of the core with its meaning and default, for {@code --help}.
     *
     * @return one line per key
     */
    public static String describeKeys() {
        return describeKeys(Schema.CORE);
    }

    /**
     * Every key of a schema with its meaning and default, for {@code --help}.
     *
     * @param schema the keys
     * @return one line per key
     */
    public static String describeKeys(Schema schema) {
        List<Key> keys = schema.keys;
        StringBuilder out = new StringBuilder();
        for (Key key : keys) {
            String range =
                    key.type() == Type.ENUM
                            ? " " + key.choices()
                            : key.type() == Type.STRING ? "" : " [" + fmt(key.min()) + ", " + fmt(key.max()) + "]";
            out.append(String.format(Locale.ROOT, "  %-30s %s (default %s%s)%s%n", key.name(), key.help(), key.defaultValue(), range,
                    key.mayChangeOnResume() ? "; may change on resume" : ""));
        }
        return out.toString();
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

    /** An invalid configuration; the message names the file (or command line) and the key. */
    public static final class ConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message one sentence naming the origin, the key and what is expected
         */
        public ConfigException(String message) {
            super(message);
        }
    }
}
