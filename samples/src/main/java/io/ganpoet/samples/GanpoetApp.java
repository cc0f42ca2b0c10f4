package io.ganpoet.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ganpoet} command line: {@code ./ganpoet --help} lists the subcommands. */
@Command(
        name = "ganpoet",
        mixinStandardHelpOptions = true,
        version = "ganpoet 0.1.0-SNAPSHOT",
        description =
                "Train and sample GANs generated at compile time from a discriminator spec, and autoencoders (denoise, vae).",
        subcommands = {
            TrainCommand.class,
            SampleCommand.class,
            SummaryCommand.class,
            FdCommand.class,
            ClassifierCommand.class,
            DemoCommand.class,
            DenoiseCommand.class,
            VaeCommand.class,
            ExportPyTorchCommand.class,
            ImportPyTorchCommand.class
        })
public final class GanpoetApp {

    @picocli.CommandLine.Option(
            names = "--debug",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description =
                    "On failure, print the stack trace too; list every convolution kernel verdict (kernel check) as it is made.")
    boolean debug;

    private GanpoetApp() {}

    private static boolean debug(picocli.CommandLine.ParseResult parsed) {
        for (picocli.CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure as one sentence, never {@code null}: file errors with their file and reason, input
     * errors as their own message, anything unexpected by its type with a pointer to --debug.
     */
    static String sentence(Throwable e) {
        if (e instanceof java.io.IOException failure) {
            return io.ganpoet.train.run.FileErrors.describe(failure);
        }
        String message = e.getMessage();
        if ((e instanceof IllegalArgumentException
                        || e instanceof io.ganpoet.train.data.UnreadableImageException
                        || e instanceof io.ganpoet.runtime.kernels.KernelCheckException)
                && message != null
                && !message.isBlank()) {
            return message;
        }
        return "unexpected " + e.getClass().getName() + (message == null || message.isBlank() ? "" : ": " + message)
                + " (a bug; --debug prints where it happened)";
    }

    /**
     * A command line picocli cannot parse (an unknown option, a missing or malformed value, an extra argument):
     * one sentence and where the usage is, instead of the whole usage; exit status 2, as for any bad input.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        System.err.println(name + ": " + usageSentence(e) + "; see `" + name + " --help`");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** picocli's first line, as the middle of a sentence, with its suggestion when it has one. */
    static String usageSentence(CommandLine.ParameterException e) {
        String message = e.getMessage() == null
                ? "cannot read the arguments"
                : e.getMessage().strip().lines().findFirst().orElse("cannot read the arguments");
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        if (message.length() > 1
                && Character.isUpperCase(message.charAt(0))
                && !Character.isUpperCase(message.charAt(1))) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.isUnknownOption()
                && !unmatched.getUnmatched().isEmpty()) {
            // picocli says "unmatched argument at index 0"; a user typed a command name, or one word too many.
            var spec = e.getCommandLine().getCommandSpec();
            String words = unmatched.getUnmatched().stream()
                    .map(w -> "'" + w + "'")
                    .collect(java.util.stream.Collectors.joining(", "));
            message = !spec.subcommands().isEmpty()
                            && spec.positionalParameters().isEmpty()
                    ? "unknown command " + words + "; the commands are "
                            + String.join(", ", spec.subcommands().keySet())
                    : (unmatched.getUnmatched().size() == 1 ? "one argument too many: " : "too many arguments: ")
                            + words;
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean "
                    + String.join(
                            " or ", unmatched.getSuggestions().stream().limit(3).toList()) + "?)";
        }
        return message;
    }

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
        usage.footer(usage.footer()[0], usage.footer()[1], AppConfig.SCHEMA.describe());
        line.setParameterExceptionHandler(GanpoetApp::usageError);
        line.setExecutionStrategy(parsed -> {
            if (!debug(parsed)) {
                return new CommandLine.RunLast().execute(parsed);
            }
            java.util.function.Consumer<io.ganpoet.runtime.kernels.KernelVerdict> listing =
                    verdict -> System.err.println("kernel check: " + verdict.line());
            io.ganpoet.runtime.kernels.ConvKernels.addVerdictListener(listing);
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                io.ganpoet.runtime.kernels.ConvKernels.removeVerdictListener(listing);
            }
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (debug(parsed)) {
                e.printStackTrace();
            }
            System.err.println("ganpoet " + cmd.getCommandName() + ": " + sentence(e));
            // Bad input (a flag, a config key, a file, a run, an image found undecodable mid-training) is 2; anything
            // else, 1.
            return e instanceof IllegalArgumentException
                            || e instanceof java.io.IOException
                            || e instanceof io.ganpoet.train.data.UnreadableImageException
                    ? 2
                    : 1;
        });
        return line;
    }
}
