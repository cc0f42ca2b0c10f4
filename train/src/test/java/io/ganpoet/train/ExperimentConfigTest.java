package io.ganpoet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ganpoet.train.autoencoder.AutoencoderSettings;
import io.ganpoet.train.config.ConfigException;
import io.ganpoet.train.config.ConfigKey;
import io.ganpoet.train.config.ConfigSchema;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.ema.AverageSettings;
import io.ganpoet.train.loop.LoopSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentConfigTest {

    @Test
    void readsNestedYamlOverDefaultsAndRoundTrips() {
        ExperimentConfig config = ExperimentConfig.parse(
                "epochs: 3\nloss:\n  kind: hinge\noptimizer:\n  generator:\n    lr: 1.0e-3\n", "exp.yaml");
        assertEquals(3, config.integer("epochs"));
        assertEquals("hinge", config.text("loss.kind"));
        assertEquals(1e-3, config.real("optimizer.generator.lr"));
        assertEquals(2e-4, config.real("optimizer.discriminator.lr"));
        assertEquals(config, ExperimentConfig.parse(config.toYaml(), "round-trip"));
    }

    @Test
    void commandLineOverridesUseDottedKeys() {
        ExperimentConfig config =
                ExperimentConfig.defaults().withOverrides(List.of("batch_size=32", "loss.kind=wgan-gp"));
        assertEquals(32, config.integer("batch_size"));
        assertEquals("wgan-gp", config.text("loss.kind"));
    }

    @Test
    void unknownKeyIsNamedWithItsSiblings() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ExperimentConfig.parse("optimizer:\n  generator:\n    lrr: 0.1\n", "exp.yaml"));
        assertEquals(
                "exp.yaml: unknown key 'optimizer.generator.lrr'; known keys under optimizer.generator: lr, beta1, beta2",
                e.getMessage());
    }

    @Test
    void wrongTypeIsNamed() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> ExperimentConfig.parse("epochs: five\n", "exp.yaml"));
        assertEquals("exp.yaml: key 'epochs' must be an integer, got 'five'", e.getMessage());
    }

    @Test
    void outOfRangeIsNamed() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> ExperimentConfig.defaults().withOverrides(List.of("batch_size=0")));
        assertEquals("overrides: key 'batch_size' must be in [1, 65536], got 0", e.getMessage());
        e = assertThrows(
                ConfigException.class, () -> ExperimentConfig.parse("loss:\n  label_smoothing: 0.9\n", "exp.yaml"));
        assertEquals("exp.yaml: key 'loss.label_smoothing' must be in [0, 0.5], got 0.9", e.getMessage());
    }

    @Test
    void generatorAverageKeysAreReadAndBadOnesRefusedNamingTheKey() {
        ExperimentConfig config = ExperimentConfig.defaults().withOverrides(List.of("ema.decay=0.99", "ema.start=500"));
        assertEquals(new AverageSettings(0.99, 500), AverageSettings.from(config));
        assertEquals(new AverageSettings(0.999, 0), AverageSettings.from(ExperimentConfig.defaults()));
        ConfigException e = assertThrows(
                ConfigException.class, () -> ExperimentConfig.defaults().withOverrides(List.of("ema.decay=1")));
        assertEquals("overrides: key 'ema.decay' must be in [0, 0.999999], got 1.0", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ExperimentConfig.parse("ema:\n  decay: fast\n", "exp.yaml"));
        assertEquals("exp.yaml: key 'ema.decay' must be a number, got 'fast'", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ExperimentConfig.parse("ema:\n  decai: 0.9\n", "exp.yaml"));
        assertEquals("exp.yaml: unknown key 'ema.decai'; known keys under ema: decay, start", e.getMessage());
        e = assertThrows(
                ConfigException.class, () -> ExperimentConfig.defaults().withOverrides(List.of("ema.start=-1")));
        assertEquals("overrides: key 'ema.start' must be in [0, 2147483647], got -1", e.getMessage());
    }

    @Test
    void vaeMmdWeightIsReadAndANegativeOneRefusedNamingTheKey() {
        ExperimentConfig config = ExperimentConfig.defaults().withOverrides(List.of("vae.mmd=100"));
        assertEquals(100f, AutoencoderSettings.from(config).mmd());
        assertEquals(0f, AutoencoderSettings.from(ExperimentConfig.defaults()).mmd());
        ConfigException e = assertThrows(
                ConfigException.class, () -> ExperimentConfig.defaults().withOverrides(List.of("vae.mmd=-1")));
        assertEquals("overrides: key 'vae.mmd' must be in [0, 1000000], got -1.0", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ExperimentConfig.parse("vae:\n  mdd: 10\n", "exp.yaml"));
        assertEquals("exp.yaml: unknown key 'vae.mdd'; known keys under vae: beta, mmd", e.getMessage());
    }

    @Test
    void badChoiceListsTheChoices() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> ExperimentConfig.parse("loss: {kind: wasserstein}\n", "exp.yaml"));
        assertEquals(
                "exp.yaml: key 'loss.kind' must be one of [bce, minimax, hinge, lsgan, wgan-gp], got 'wasserstein'",
                e.getMessage());
    }

    @Test
    void yamlIsLoadedSafely() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ExperimentConfig.parse("model: !!java.io.File [/etc/passwd]\n", "evil.yaml"));
        assertEquals(true, e.getMessage().startsWith("evil.yaml: not valid YAML"), e.getMessage());
    }

    @Test
    void aDuplicateKeyIsOneSentenceNamingTheFileKeyAndLine() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> ExperimentConfig.parse("epochs: 2\nseed: 1\nepochs: 3\n", "exp.yaml"));
        assertEquals(
                "exp.yaml: key 'epochs' is written twice in the same map (again at line 3, column 1); keep one of them",
                e.getMessage());
    }

    @Test
    void brokenYamlIsOneLineWithItsPosition() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> ExperimentConfig.parse("epochs: [2\n", "exp.yaml"));
        assertEquals(
                "exp.yaml: not valid YAML at line 2, column 1: while parsing a flow sequence, expected ',' or ']',"
                        + " but got <stream end>",
                e.getMessage());
    }

    @Test
    void aBinaryFileIsNamedAsNotText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file =
                java.nio.file.Files.write(dir.resolve("x.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfig.load(file));
        assertEquals(
                file + ": not a text file (its bytes are not UTF-8 text); give an experiment YAML file",
                e.getMessage());
    }

    @Test
    void refuseUnreadNamesKeysSetAwayFromTheBaselineOnly() {
        ExperimentConfig config = ExperimentConfig.defaults().withOverrides(List.of("vae.beta=2", "loss.kind=hinge"));
        config.refuseUnread(
                List.of("optimizer.encoder"),
                ExperimentConfig.defaults(),
                "nobody"); // at their defaults: nothing to refuse
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> config.refuseUnread(List.of("vae", "loss"), ExperimentConfig.defaults(), "a GAN-free trainer"));
        assertEquals(
                "loss.kind 'hinge', vae.beta 2.0 are set, but a GAN-free trainer never reads them; leave them out of the"
                        + " config and --set, so the run records only what it used",
                e.getMessage());
        config.refuseUnread(List.of("vae", "loss"), config, "a resumed run"); // what a run recorded is not asked anew
    }

    @Test
    void mapWhereAValueBelongsIsRejected() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> ExperimentConfig.parse("epochs:\n  n: 3\n", "exp.yaml"));
        assertEquals("exp.yaml: key 'epochs' takes a value, not a map", e.getMessage());
    }

    @Test
    void applicationKeysComeFromTheApplicationsSchema() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> ExperimentConfig.parse("model: faces\n", "exp.yaml"));
        assertEquals(true, e.getMessage().startsWith("exp.yaml: unknown key 'model'"), e.getMessage());
        ConfigSchema app = ConfigSchema.CORE.with(List.of(ConfigKey.text("model", "fashion", "which spec")));
        ExperimentConfig config = ExperimentConfig.parse("model: faces\nepochs: 3\n", "exp.yaml", app);
        assertEquals("faces", config.text("model"));
        assertEquals(3, config.integer("epochs"));
        assertEquals(config, ExperimentConfig.parse(config.toYaml(), "round-trip", app));
        assertEquals(new LoopSettings(3, 64, 0, 42, 0), LoopSettings.from(config));
    }

    @Test
    void yamlTagsAndBrokenYamlInOverridesAreNamedWithTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfig.defaults()
                .withOverrides(List.of("epochs=!!java.lang.Integer 1")));
        assertEquals(
                "overrides: epochs=!!java.lang.Integer 1: the value of 'epochs' is not a plain YAML value"
                        + " (could not determine a constructor for the tag tag:yaml.org,2002:java.lang.Integer); write e.g. epochs=5",
                e.getMessage());
        e = assertThrows(
                ConfigException.class, () -> ExperimentConfig.defaults().withOverrides(List.of("batch_size={")));
        assertEquals(
                true,
                e.getMessage()
                        .startsWith(
                                "overrides: batch_size={: the value of 'batch_size' is not a plain" + " YAML value ("),
                e.getMessage());
    }

    @Test
    void textKeysTakeTheValueAsWritten() {
        ConfigSchema app = ConfigSchema.CORE.with(List.of(ConfigKey.text("data.path", "", "where")));
        ExperimentConfig config = ExperimentConfig.defaults(app).withOverrides(List.of("data.path={", "device=gpu:0"));
        assertEquals("{", config.text("data.path"));
        assertEquals("gpu:0", config.text("device"));
    }

    @Test
    void aValueWhereAGroupOfKeysBelongsSaysSo() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> ExperimentConfig.parse("loss: hinge\n", "exp.yaml"));
        assertEquals(
                "exp.yaml: 'loss' is a group of keys (kind, label_smoothing, n_critic, gp_weight, generator_batch, fake_labels), not a"
                        + " value; write e.g. loss: {kind: hinge} in YAML, or the override loss.kind=hinge",
                e.getMessage());
        e = assertThrows(
                ConfigException.class, () -> ExperimentConfig.defaults().withOverrides(List.of("optimizer=adam")));
        assertEquals(
                true,
                e.getMessage()
                        .startsWith(
                                "overrides: 'optimizer' is a group of keys (discriminator, generator, encoder, decoder)"),
                e.getMessage());
    }

    @Test
    void differencesListTheKeysInSchemaOrder() {
        ExperimentConfig a = ExperimentConfig.defaults();
        ExperimentConfig b = a.withOverrides(List.of("loss.kind=hinge", "epochs=9"));
        assertEquals(
                List.of("epochs", "loss.kind"),
                b.differences(a).stream().map(ConfigKey::name).toList());
        assertEquals(
                true,
                ConfigSchema.CORE
                        .describe()
                        .lines()
                        .anyMatch(l -> l.trim().startsWith("epochs ") && l.endsWith("; may change on resume")));
    }
}
