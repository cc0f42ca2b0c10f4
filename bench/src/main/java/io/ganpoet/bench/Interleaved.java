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
 * RATIOS_FILE [GROUPS] [ROUNDS]} with groups {@code layers,networks,step} ({@code .*}, the
 * default, is all of them) and 15 rounds by default. Each
 * group first checks that its sides' outputs agree, warms every side up, then runs ROUNDS rounds
 * of one operation per side (order rotating) and prints median times and ratios of medians to
 * the group's baseline.
 */
public final class Interleaved {

    private Interleaved() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        String groupArg = args.length > 1 && !args[1].equals(".*") ? args[1] : "layers,networks,step";
        List<String> groups = Arrays.asList(groupArg.split(","));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Engine.getInstance();
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT,
                "median ms per operation over %d interleaved rounds, ratio to the first (baseline) side; libtorch %s, %d threads%n",
                rounds, Engine.getInstance().getVersion(), ai.djl.pytorch.jni.JniUtils.getNumThreads()));
        if (groups.contains("layers")) {
            for (boolean backward : new boolean[] {false, true}) {
                for (String layer : new String[] {"512x256@4", "256x128@8", "128x64@16", "64x3@32"}) {
                    compare(table, "TransposedConv2d " + (backward ? "fwd+bwd" : "fwd") + " batch 64 " + layer,
                            List.of("libtorch", "ganpoet"), rounds, 1e-4f,
                            v -> Workloads.layer(layer, v, backward));
                }
            }
        }
        if (groups.contains("networks")) {
            for (String network : new String[] {"discriminator", "generator"}) {
                compare(table, "DCGAN " + network + " fwd+bwd batch 16", List.of("libtorch", "generated"), rounds,
                        1e-4f, v -> Workloads.network(network, v));
            }
        }
        if (groups.contains("step")) {
            compare(table, "GAN training step batch 16", List.of("libtorch", "handBuilt", "generated"), rounds, -1f,
                    Workloads::step);
        }
        System.out.println();
        System.out.print(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table.toString(), StandardCharsets.UTF_8);
        System.out.println("written to " + out);
    }

    private static void compare(StringBuilder table, String title, List<String> sides, int rounds, float tolerance,
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
                table.append(String.format(Locale.ROOT, "    generated / handBuilt %.3fx%n",
                        median(times.get("generated")) / median(times.get("handBuilt"))));
            }
            System.out.print(table.substring(table.lastIndexOf(title)));
        } finally {
            workloads.values().forEach(Workloads::close);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
