package io.ganpoet.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The anchor comparisons in one process, sides alternating operation by operation, so a machine
 * whose load changes (a shared two-core box) slows every side alike: {@code Interleaved
 * RATIOS_FILE [GROUPS] [ROUNDS]} with groups {@code layers,networks,step,kernels} ({@code .*}, the
 * default, is all of them) and 15 rounds by default. Each
 * group first checks that its sides' outputs agree, warms every side up, then runs ROUNDS rounds
 * of one operation per side (order rotating) and prints median times and ratios of medians to
 * the group's baseline.
 */
public final class Interleaved {

    private Interleaved() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        String groupArg = args.length > 1 && !args[1].equals(".*") ? args[1] : "layers,networks,step,kernels";
        List<String> groups = Arrays.asList(groupArg.split(","));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Engine.getInstance();
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "median ms per operation over %d interleaved rounds, ratio to the first (baseline) side; libtorch %s, %d threads%n",
                rounds,
                Engine.getInstance().getVersion(),
                ai.djl.pytorch.jni.JniUtils.getNumThreads()));
        if (groups.contains("layers")) {
            for (boolean backward : new boolean[] {false, true}) {
                for (String layer : new String[] {"512x256@4", "256x128@8", "128x64@16", "64x3@32"}) {
                    compare(
                            table,
                            "TransposedConv2d " + (backward ? "fwd+bwd" : "fwd") + " batch 64 " + layer,
                            List.of("libtorch", "ganpoet"),
                            rounds,
                            1e-4f,
                            v -> Workloads.layer(layer, v, backward));
                }
            }
        }
        if (groups.contains("networks")) {
            for (String network : new String[] {"discriminator", "generator"}) {
                compare(
                        table,
                        "DCGAN " + network + " fwd+bwd batch 16",
                        List.of("libtorch", "generated"),
                        rounds,
                        1e-4f,
                        v -> Workloads.network(network, v));
            }
        }
        if (groups.contains("kernels")) {
            kernels(table, rounds, args);
        }
        if (groups.contains("step")) {
            compare(
                    table,
                    "GAN training step batch 16",
                    List.of("libtorch", "handBuilt", "generated"),
                    rounds,
                    -1f,
                    Workloads::step);
        }
        if (System.getenv("GANPOET_BENCH_SSE41_CHILD") != null) {
            return;
        }
        System.out.println();
        System.out.print(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table.toString(), StandardCharsets.UTF_8);
        System.out.println("written to " + out);
    }

    /**
     * The default GAN step under each kernel policy, interleaved; then the check's own cost on a
     * fresh model (its first step less a steady one); then, in a child process whose oneDNN is
     * capped at SSE4.1 (the blunt workaround: ONEDNN_MAX_CPU_ISA is read once per process), the
     * unchecked step again, timed in turn with this process's unchecked side.
     */
    private static void kernels(StringBuilder table, int rounds, String[] args) throws IOException {
        if (System.getenv("GANPOET_BENCH_SSE41_CHILD") != null) {
            // The child: one side, its medians on stdout for the parent.
            try (Workloads w = Workloads.kernelStep("unchecked")) {
                for (int i = 0; i < 3; i++) {
                    w.run();
                }
                List<Double> times = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    w.run();
                    times.add((System.nanoTime() - t0) / 1e6);
                }
                System.out.println("SSE41_MEDIAN_MS " + median(times));
            }
            return;
        }
        compare(
                table,
                "default GAN step (Fashion, batch 64) by kernel policy",
                List.of("unchecked", "checked", "trusted"),
                rounds,
                -1f,
                Workloads::kernelStep);
        rerouted(table);
        compare(
                table,
                "DCGAN GAN step (batch 16) by kernel policy",
                List.of("unchecked", "checked", "trusted"),
                rounds,
                -1f,
                Workloads::dcganKernelStep);
        rerouted(table);
        // The check's cost: a fresh model at a batch size no verdict covers yet.
        io.ganpoet.runtime.kernels.ConvKernels.setPolicy(io.ganpoet.runtime.kernels.KernelPolicy.CHECKED);
        long t0 = System.nanoTime();
        try (Workloads fresh = Workloads.kernelStepAt(Workloads.DEFAULT_BATCH + 1)) {
            fresh.run();
            double first = (System.nanoTime() - t0) / 1e6;
            List<Double> steady = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long t1 = System.nanoTime();
                fresh.run();
                steady.add((System.nanoTime() - t1) / 1e6);
            }
            table.append(String.format(
                    Locale.ROOT,
                    "    kernel check of the default model (6 signatures, batch 65): %.0f ms (first step %.0f ms less a steady one %.0f ms)%n",
                    first - median(steady),
                    first,
                    median(steady)));
        }
        // The SSE4.1-capped engine, in a child process.
        ProcessBuilder child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                Interleaved.class.getName(),
                args[0] + ".child",
                "kernels",
                Integer.toString(rounds));
        child.environment().put("ONEDNN_MAX_CPU_ISA", "SSE41");
        child.environment().put("GANPOET_BENCH_SSE41_CHILD", "1");
        child.redirectErrorStream(true);
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        double sse41 = Double.NaN;
        for (String line : output.split("\n")) {
            if (line.startsWith("SSE41_MEDIAN_MS ")) {
                sse41 = Double.parseDouble(
                        line.substring("SSE41_MEDIAN_MS ".length()).trim());
            }
        }
        try (Workloads unchecked = Workloads.kernelStep("unchecked")) {
            List<Double> times = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long t1 = System.nanoTime();
                unchecked.run();
                times.add((System.nanoTime() - t1) / 1e6);
            }
            double base = median(times);
            table.append(String.format(
                    Locale.ROOT,
                    "    ONEDNN_MAX_CPU_ISA=SSE41 (child process, unchecked): %.2f ms, %.3fx this process's unchecked %.2f ms (timed in turn)%n",
                    sse41,
                    sse41 / base,
                    base));
        }
        System.out.print(table.substring(table.indexOf("default GAN step")));
    }

    private static void rerouted(StringBuilder table) {
        table.append("    rerouted by the check on this machine so far:\n");
        io.ganpoet.runtime.kernels.ConvKernels.verdicts().stream()
                .filter(io.ganpoet.runtime.kernels.KernelVerdict::rerouted)
                .map(io.ganpoet.runtime.kernels.KernelVerdict::line)
                .sorted()
                .forEach(line -> table.append("      ").append(line).append('\n'));
    }

    private static void compare(
            StringBuilder table,
            String title,
            List<String> sides,
            int rounds,
            float tolerance,
            Function<String, Workloads> factory) {
        Map<String, Workloads> workloads = new LinkedHashMap<>();
        for (String side : sides) {
            workloads.put(side, factory.apply(side));
        }
        try {
            String agreement = "";
            if (tolerance >= 0) {
                Workloads base = workloads.get(sides.get(0));
                float worst = 0;
                for (String side : sides.subList(1, sides.size())) {
                    worst = Math.max(worst, Workloads.check(base, workloads.get(side), tolerance, title + " " + side));
                }
                agreement = String.format(Locale.ROOT, "  (outputs agree: max |diff| %.1e)", worst);
            }
            for (int w = 0; w < 3; w++) {
                workloads.values().forEach(Workloads::run);
            }
            Map<String, List<Double>> times = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < sides.size(); i++) {
                    String side = sides.get((i + r) % sides.size());
                    long t0 = System.nanoTime();
                    workloads.get(side).run();
                    times.computeIfAbsent(side, k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
                }
            }
            table.append(title).append(agreement).append('\n');
            double base = median(times.get(sides.get(0)));
            for (String side : sides) {
                double m = median(times.get(side));
                table.append(String.format(Locale.ROOT, "    %-10s %9.2f ms   %.3fx%n", side, m, m / base));
            }
            if (times.containsKey("handBuilt")) {
                table.append(String.format(
                        Locale.ROOT,
                        "    generated / handBuilt %.3fx%n",
                        median(times.get("generated")) / median(times.get("handBuilt"))));
            }
            System.out.print(table.substring(table.lastIndexOf(title)));
        } finally {
            workloads.values().forEach(Workloads::close);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
