package io.ganpoet.samples;

import io.ganpoet.train.config.ConfigKey;
import io.ganpoet.train.config.ConfigSchema;
import io.ganpoet.train.config.ExperimentConfig;
import java.util.List;

/** The app's own config keys (which model, where its data is, evaluation), on top of the core's. */
final class AppConfig {

    static final ConfigSchema SCHEMA = ConfigSchema.CORE.with(List.of(
            ConfigKey.text("model", "fashion", "which spec to train (the app's registry of GanModels)"),
            ConfigKey.choice("data.kind", "embedded", List.of("embedded", "idx", "folder"), "where images come from"),
            ConfigKey.text("data.path", "", "IDX directory or image folder"),
            ConfigKey.integer("data.limit", 0, 0, Integer.MAX_VALUE, "use at most this many images; 0 = all"),
            ConfigKey.integer(
                            "eval.fd_samples",
                            1000,
                            0,
                            1_000_000,
                            "images for the Frechet distance at the end; 0 = skip")
                    .allowChangeOnResume(),
            ConfigKey.integer(
                            "eval.agreement_samples",
                            200,
                            0,
                            1_000_000,
                            "conditional Fashion models: images per class the classifier labels at the end; 0 = skip")
                    .allowChangeOnResume()));

    private AppConfig() {}

    static ExperimentConfig defaults() {
        return ExperimentConfig.defaults(SCHEMA);
    }
}
