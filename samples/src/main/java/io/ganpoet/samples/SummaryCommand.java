package io.ganpoet.samples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ganpoet summary}: a spec's compile-time layer tables. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "Print a spec's compile-time layer tables.")
final class SummaryCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            defaultValue = "fashion",
            description = "fashion, faces, dcgan, or an autoencoder: lecture, fashion-vae (default: ${DEFAULT-VALUE}).")
    String model;

    @Override
    public Integer call() {
        System.out.print(
                io.ganpoet.samples.autoencoders.AutoencoderModels.has(model)
                        ? io.ganpoet.samples.autoencoders.AutoencoderModels.named(model)
                                .summary()
                        : Models.named(model).summary());
        System.out.flush();
        return 0;
    }
}
