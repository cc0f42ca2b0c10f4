package io.ganpoet.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ganpoet} command line: {@code ./ganpoet --help} lists the subcommands. */
@Command(
        name = "ganpoet",
        mixinStandardHelpOptions = true,
        version = "ganpoet 0.1.0-SNAPSHOT",
        description = "Train and sample GANs generated at compile time from a discriminator spec.",
        subcommands = {TrainCommand.class, SampleCommand.class, SummaryCommand.class, FdCommand.class, ClassifierCommand.class, DemoCommand.class})
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
        CommandLine line = new CommandLine(new GanpoetApp());
        var usage = line.getSubcommands().get("train").getCommandSpec().usageMessage();
        usage.footer(usage.footer()[0], usage.footer()[1], io.ganpoet.train.ExperimentConfig.describeKeys(AppConfig.SCHEMA));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Bad input (a config key, a file, an image found undecodable mid-training) is a message, not a stack trace.
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException
                    || e instanceof io.ganpoet.train.data.UnreadableImageException) {
                System.err.println("ganpoet " + cmd.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return line;
    }
}
