package io.ganpoet.train.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The keys a configuration accepts: the core's and an application's. */
public final class ConfigSchema {

    /** The core's keys, in the order {@link ExperimentConfig#toYaml()} writes them. */
    public static final List<ConfigKey> CORE_KEYS = List.of(
            ConfigKey.integer("epochs", 5, 1, 1_000_000, "passes over the data").allowChangeOnResume(),
            ConfigKey.integer("batch_size", 64, 1, 65_536, "images per step"),
            ConfigKey.integer("steps_per_epoch", 0, 0, Integer.MAX_VALUE, "cap on steps per epoch; 0 = one full pass"),
            ConfigKey.integer(
                    "seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE, "seeds initialisation, shuffling and noise"),
            ConfigKey.text(
                            "device",
                            "auto",
                            "auto, cpu, gpu or gpu:N; several comma-separated GPUs train data-parallel")
                    .allowChangeOnResume(),
            ConfigKey.integer(
                            "cpu_threads",
                            0,
                            0,
                            1024,
                            "libtorch CPU threads; 0 = one per core; 1 makes CPU runs bit-reproducible")
                    .allowChangeOnResume(),
            ConfigKey.choice(
                            "kernels",
                            "checked",
                            List.of("checked", "trusted", "unchecked"),
                            "convolution kernels: checked against a float64 reference before first use (a wrong one is"
                                    + " rerouted), trusted (ganpoet's im2col kernel everywhere) or unchecked")
                    .allowChangeOnResume(),
            ConfigKey.integer(
                            "checkpoint.every_steps",
                            0,
                            0,
                            Integer.MAX_VALUE,
                            "also checkpoint every N steps (mid-epoch); 0 = after each epoch only")
                    .allowChangeOnResume(),
            ConfigKey.choice(
                    "loss.kind",
                    "bce",
                    List.of("bce", "minimax", "hinge", "lsgan", "wgan-gp"),
                    "GAN loss; bce is the non-saturating loss of the DCGAN paper"),
            ConfigKey.real("loss.label_smoothing", 0.0, 0.0, 0.5, "one-sided: real targets become 1 - s"),
            ConfigKey.integer("loss.n_critic", 1, 1, 100, "discriminator steps per generator step"),
            ConfigKey.real("loss.gp_weight", 10.0, 0.0, 1e6, "gradient penalty weight for wgan-gp"),
            ConfigKey.choice(
                    "loss.generator_batch",
                    "same",
                    List.of("same", "fresh"),
                    "generator step on the discriminator's fake batch, or on a new one"),
            ConfigKey.choice(
                    "loss.fake_labels",
                    "uniform",
                    List.of("uniform", "batch"),
                    "conditional models: generate for labels drawn uniformly, or for the real batch's labels"),
            ConfigKey.real(
                    "ema.decay",
                    0.999,
                    0.0,
                    0.999999,
                    "GANs: average of the generator's weights kept for sampling, avg = decay*avg + (1-decay)*weights"
                            + " after every step; 0 = none"),
            ConfigKey.integer(
                    "ema.start",
                    0,
                    0,
                    Integer.MAX_VALUE,
                    "GANs: steps during which the generator's average copies its weights, before averaging starts"),
            ConfigKey.real("optimizer.discriminator.lr", 2e-4, 1e-12, 10, "Adam learning rate")
                    .allowChangeOnResume(),
            ConfigKey.real("optimizer.discriminator.beta1", 0.5, 0, 0.999999, "Adam beta1"),
            ConfigKey.real("optimizer.discriminator.beta2", 0.999, 0, 0.999999999, "Adam beta2"),
            ConfigKey.real("optimizer.generator.lr", 2e-4, 1e-12, 10, "Adam learning rate")
                    .allowChangeOnResume(),
            ConfigKey.real("optimizer.generator.beta1", 0.5, 0, 0.999999, "Adam beta1"),
            ConfigKey.real("optimizer.generator.beta2", 0.999, 0, 0.999999999, "Adam beta2"),
            ConfigKey.choice(
                    "autoencoder.loss",
                    "mse",
                    List.of("mse", "bce"),
                    "autoencoder / VAE reconstruction loss, on pixels in [0, 1]"),
            ConfigKey.real(
                    "autoencoder.noise_std",
                    0.0,
                    0.0,
                    10.0,
                    "denoising: sigma of Gaussian noise added to the input in [0, 1], then clipped; 0 = none"),
            ConfigKey.real("vae.beta", 1.0, 0.0, 1e6, "weight of the VAE's KL term (1 = the ELBO)"),
            ConfigKey.real(
                    "vae.mmd",
                    0.0,
                    0.0,
                    1e6,
                    "weight of an MMD term pulling the batch's latents towards N(0, I) draws (InfoVAE), so that prior"
                            + " samples decode to images; 0 = none; the test ELBO never includes it"),
            ConfigKey.real("optimizer.encoder.lr", 1e-3, 1e-12, 10, "Adam learning rate")
                    .allowChangeOnResume(),
            ConfigKey.real("optimizer.encoder.beta1", 0.9, 0, 0.999999, "Adam beta1"),
            ConfigKey.real("optimizer.encoder.beta2", 0.999, 0, 0.999999999, "Adam beta2"),
            ConfigKey.real("optimizer.decoder.lr", 1e-3, 1e-12, 10, "Adam learning rate")
                    .allowChangeOnResume(),
            ConfigKey.real("optimizer.decoder.beta1", 0.9, 0, 0.999999, "Adam beta1"),
            ConfigKey.real("optimizer.decoder.beta2", 0.999, 0, 0.999999999, "Adam beta2"),
            ConfigKey.choice("init", "dcgan", List.of("dcgan", "default"), "DCGAN N(0, 0.02) initialisation, or DJL's"),
            ConfigKey.integer("sample.every_epochs", 1, 1, 1_000_000, "write a sample grid every N epochs")
                    .allowChangeOnResume(),
            ConfigKey.integer("sample.grid", 64, 1, 1024, "images in a sample grid"),
            ConfigKey.integer("log.every_steps", 50, 1, Integer.MAX_VALUE, "plain progress line cadence off a terminal")
                    .allowChangeOnResume());

    /** The core's keys alone. */
    public static final ConfigSchema CORE = new ConfigSchema(CORE_KEYS);

    final List<ConfigKey> keys;
    final Map<String, ConfigKey> byName = new LinkedHashMap<>();

    private ConfigSchema(List<ConfigKey> keys) {
        this.keys = List.copyOf(keys);
        for (ConfigKey key : keys) {
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
    public ConfigSchema with(List<ConfigKey> more) {
        List<ConfigKey> all = new ArrayList<>(keys);
        all.addAll(more);
        return new ConfigSchema(all);
    }

    /**
     * Returns the keys, core keys first.
     *
     * @return the keys in order
     */
    public List<ConfigKey> keys() {
        return keys;
    }

    /**
     * Every key with its meaning, default, range and whether it may change on resume: the key list
     * of {@code --help}.
     *
     * @return one line per key
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (ConfigKey key : keys) {
            String range = key.type() == ConfigKey.Type.ENUM
                    ? " " + key.choices()
                    : key.type() == ConfigKey.Type.STRING
                            ? ""
                            : " [" + ConfigValues.fmt(key.min()) + ", " + ConfigValues.fmt(key.max()) + "]";
            out.append(String.format(
                    Locale.ROOT,
                    "  %-30s %s (default %s%s)%s%n",
                    key.name(),
                    key.help(),
                    key.defaultValue(),
                    range,
                    key.mayChangeOnResume() ? "; may change on resume" : ""));
        }
        return out.toString();
    }

    /** The keys directly under a group such as {@code loss}, or none when it is no group. */
    List<String> children(String group) {
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

    String suggestion(String unknown) {
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

    /**
     * The key of a name, or a message saying the name is a group of keys or unknown (with the keys near it).
     *
     * @param name the dotted name asked for
     * @param value the value given, for the group message's example
     * @param origin where it comes from, as messages name it
     * @return the key
     * @throws ConfigException when there is no such key
     */
    ConfigKey require(String name, Object value, String origin) {
        ConfigKey key = byName.get(name);
        if (key != null) {
            return key;
        }
        List<String> children = children(name);
        if (!children.isEmpty()) {
            throw new ConfigException(origin + ": '" + name + "' is a group of keys (" + String.join(", ", children)
                    + "), not a value; write e.g. " + name + ": {" + children.get(0) + ": " + value
                    + "} in YAML, or the override " + name + "." + children.get(0) + "=" + value);
        }
        throw new ConfigException(origin + ": unknown key '" + name + "'" + suggestion(name));
    }
}
