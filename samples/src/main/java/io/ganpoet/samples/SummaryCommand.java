package io.ganpoet.samples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ganpoet summary}: a spec's compile-time layer tables. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "Print a spec's compile-time layer tables.")
final class SummaryCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "fashion", description = "fashion, faces or dcgan (default: ${DEFAULT-VALUE}).")
    String model;

    @Override
    public Integer call() {
        System.out.print(Models.named(model).summary());
        System.out.flush();
        return 0;
    }
}
