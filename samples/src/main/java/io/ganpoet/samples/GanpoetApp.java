package io.ganpoet.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ganpoet} command line: {@code ./ganpoet --help} lists the subcommands. */
@Command(
        name = "ganpoet",
        mixinStandardHelpOptions = true,
        version = "ganpoet 0.1.0-SNAPSHOT",
        description = "Train and sample GANs generated at compile time from a discriminator spec.",
        subcommands = {DemoCommand.class})
public final class GanpoetApp {

    private GanpoetApp() {}

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /**
     * Returns the command line, for tests that run it in-process.
     *
     * @return a fresh command line
     */
    public static CommandLine newCommandLine() {
        return new CommandLine(new GanpoetApp());
    }
}
