package io.ganpoet.samples;

import io.ganpoet.samples.autoencoders.AutoencoderModels;
import io.ganpoet.train.run.RunDirectory;
import java.util.List;
import java.util.Optional;

/**
 * Which command trains which model: {@code train} the GANs of {@link Models}, {@code denoise} and {@code vae} the
 * plain and variational autoencoders of {@link AutoencoderModels}. A command handed another kind's model, or
 * another kind's run directory, says what it was handed and which command takes it, rather than calling the model
 * unknown.
 */
enum ModelKinds {
    GAN("a GAN", "train", List.of("autoencoder", "vae", "optimizer.encoder", "optimizer.decoder")),
    AUTOENCODER(
            "an autoencoder",
            "denoise",
            List.of("loss", "ema", "optimizer.generator", "optimizer.discriminator", "vae", "eval")),
    VARIATIONAL_AUTOENCODER(
            "a variational autoencoder",
            "vae",
            List.of("loss", "ema", "optimizer.generator", "optimizer.discriminator", "eval.agreement_samples"));

    private final String article;
    private final String command;
    private final List<String> unreadKeys;

    ModelKinds(String article, String command, List<String> unreadKeys) {
        this.article = article;
        this.command = command;
        this.unreadKeys = unreadKeys;
    }

    /** "a GAN", "an autoencoder": for sentences. */
    String article() {
        return article;
    }

    /**
     * The config keys (and groups) this kind's command never reads; {@link RunOptions} refuses them set away from
     * their defaults. Keys that only some models of a kind read (the FD of Fashion models) are not listed.
     */
    List<String> unreadKeys() {
        return unreadKeys;
    }

    /** The command that trains this kind. */
    String command() {
        return command;
    }

    /** The kind of a registered model name, or empty for a name no registry knows. */
    static Optional<ModelKinds> of(String model) {
        if (AutoencoderModels.has(model)) {
            return Optional.of(AutoencoderModels.named(model).variational() ? VARIATIONAL_AUTOENCODER : AUTOENCODER);
        }
        for (String name : Models.names()) {
            if (name.equals(model)) {
                return Optional.of(GAN);
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses a run directory of another kind, by the model its checkpoint recorded, then a model of another kind.
     * An unknown model is left to the registry, whose message lists the known names.
     *
     * @param model the model the command is asked to train
     * @param directory the run directory given with {@code --run}, or {@code null}
     * @throws IllegalArgumentException naming the kind found and the command that takes it
     */
    void require(String model, RunDirectory directory) {
        if (directory != null && directory.checkpoint().isPresent()) {
            String recorded = directory.recordedConfig(AppConfig.SCHEMA).text("model");
            Optional<ModelKinds> kind = of(recorded);
            if (kind.isPresent() && kind.get() != this) {
                throw new IllegalArgumentException(directory.directory() + " is " + kind.get().article + " run (model "
                        + recorded + "), not " + article + " run; continue it with: ganpoet " + kind.get().command
                        + " --run " + directory.directory());
            }
        }
        Optional<ModelKinds> kind = of(model);
        if (kind.isPresent() && kind.get() != this) {
            throw new IllegalArgumentException("model " + model + " is " + kind.get().article + ", not " + article
                    + "; train it with: ganpoet " + kind.get().command + " --model " + model);
        }
    }
}
