/**
 * The experiment configuration: YAML or {@code --set} overrides, checked against declared keys
 * ({@link io.ganpoet.train.config.ExperimentConfig}). Each concern reads its own keys into a
 * settings record in its own package.
 */
package io.ganpoet.train.config;
