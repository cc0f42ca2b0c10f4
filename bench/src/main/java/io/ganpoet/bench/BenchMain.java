package io.ganpoet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs JMH benchmarks and prints, for every benchmark with a {@code variant} parameter, each
 * variant's time as a ratio to the baseline variant measured in the same run.
 *
 * <p>Usage: {@code BenchMain RATIOS_FILE INCLUDE_REGEX [JMH options...]}.
 */
public final class BenchMain {

    /** Baseline variant per benchmark class: the figure every other variant is divided by. */
    private static final Map<String, String> BASELINES = Map.of(
            "TransposedConvBenchmark", "libtorch",
            "NetworkBenchmark", "libtorch",
            "TrainingStepBenchmark", "libtorch");

    private BenchMain() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        if (args.length < 2) {
            System.err.println("usage: BenchMain RATIOS_FILE INCLUDE_REGEX [JMH options...]");
            System.exit(2);
        }
        Path ratiosFile = Path.of(args[0]);
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        jmhArgs.add(args[1]);
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(jmhArgs.toArray(String[]::new)))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        String table = ratioTable(results);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(ratiosFile.toAbsolutePath().getParent());
        Files.writeString(ratiosFile, table, StandardCharsets.UTF_8);
        System.out.println("ratios written to " + ratiosFile);
    }

    /** Rows: benchmark method and parameters other than the variant; columns: variants. */
    static String ratioTable(Collection<RunResult> results) {
        Map<String, Map<String, Double>> scores = new TreeMap<>();
        Map<String, String> rowBaseline = new TreeMap<>();
        Map<String, Map<String, Double>> errors = new TreeMap<>();
        for (RunResult result : results) {
            var params = result.getParams();
            String benchmark = params.getBenchmark();
            String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
            className = className.substring(className.lastIndexOf('.') + 1);
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String variant = params.getParam("variant");
            StringBuilder row = new StringBuilder(className + "." + method);
            for (String key : params.getParamsKeys()) {
                if (!key.equals("variant")) {
                    row.append(' ').append(key).append('=').append(params.getParam(key));
                }
            }
            scores.computeIfAbsent(row.toString(), k -> new TreeMap<>())
                    .put(
                            variant == null ? "-" : variant,
                            result.getPrimaryResult().getScore());
            errors.computeIfAbsent(row.toString(), k -> new TreeMap<>())
                    .put(
                            variant == null ? "-" : variant,
                            result.getPrimaryResult().getScoreError());
            rowBaseline.put(row.toString(), BASELINES.get(className));
        }
        StringBuilder out = new StringBuilder();
        String unit = results.isEmpty()
                ? ""
                : results.iterator().next().getPrimaryResult().getScoreUnit();
        out.append("score ± 99.9% error (").append(unit).append(") and ratio to the baseline, one JMH run\n");
        for (var row : scores.entrySet()) {
            String baseline = rowBaseline.get(row.getKey());
            Double base = baseline == null ? null : row.getValue().get(baseline);
            out.append(row.getKey()).append('\n');
            for (var cell : row.getValue().entrySet()) {
                out.append(String.format(
                        Locale.ROOT,
                        "    %-16s %10.3f ± %-9.3f%s%n",
                        cell.getKey(),
                        cell.getValue(),
                        errors.get(row.getKey()).get(cell.getKey()),
                        base == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "   %.2fx %s",
                                        cell.getValue() / base,
                                        cell.getKey().equals(baseline) ? "(baseline)" : "")));
            }
        }
        return out.toString();
    }
}
