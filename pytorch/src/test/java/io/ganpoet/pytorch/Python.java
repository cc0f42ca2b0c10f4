package io.ganpoet.pytorch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python these tests run: /usr/bin/python3 with torch (Debian's python3-torch; {@code .ci/run} installs it), or
 * the interpreter named by {@code -Dganpoet.python}. Without it the tests fail, saying what to install: a proof of
 * equivalence that silently skips proves nothing.
 */
final class Python {

    static final String PYTHON = System.getProperty("ganpoet.python", "/usr/bin/python3");

    /** The folder holding ganpoet_torch (the module's resources, copied to target/classes). */
    static final Path TRAINER = Path.of("target/classes");

    /** The folder holding the test specs' twins. */
    static final Path TWINS = Path.of("target/test-classes/io/ganpoet/pytorch/specs");

    private Python() {}

    /** The result of a run. */
    record Result(int exitCode, String output) {}

    /**
     * Runs a script (or module arguments) with ganpoet_torch importable; fails the test when Python or torch is
     * missing.
     */
    static Result run(Path workingDirectory, List<String> arguments, String... environment)
            throws IOException, InterruptedException {
        requireTorch();
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment()
                .put("PYTHONPATH", TRAINER.toAbsolutePath() + java.io.File.pathSeparator + TWINS.toAbsolutePath());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().put("OMP_NUM_THREADS", "1");
        for (int i = 0; i + 1 < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("python did not finish in 10 minutes: " + command);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs a Python script given as text; returns its output, failing the test on a non-zero exit. */
    static String script(Path workingDirectory, String text, String... arguments)
            throws IOException, InterruptedException {
        Path file = workingDirectory.resolve("script.py");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>();
        args.add(file.toString());
        args.addAll(List.of(arguments));
        Result result = run(workingDirectory, args);
        if (result.exitCode() != 0) {
            throw new AssertionError("python exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /** Whether {@link #PYTHON} imports torch: checked once. */
    private static Boolean torch;

    static synchronized void requireTorch() throws IOException, InterruptedException {
        if (torch == null) {
            torch = false;
            requireTorch(PYTHON);
            torch = true;
        }
        if (!torch) {
            throw new AssertionError(PYTHON + " has no torch; apt-get install python3-torch");
        }
    }

    /** Fails (an {@link AssertionError}, never a skip) unless {@code python} runs and imports torch. */
    static void requireTorch(String python) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(python, "-c", "import torch")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(python + " cannot be run (" + e.getMessage() + "); these tests need Python 3 with"
                    + " PyTorch: apt-get install python3-torch (or -Dganpoet.python=/path/to/python3)");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(python + " has no torch (" + out.strip() + "); these tests need PyTorch:"
                    + " apt-get install python3-torch (or -Dganpoet.python=/path/to/python3)");
        }
    }
}
