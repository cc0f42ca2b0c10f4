package io.ganpoet.train.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which plots a run gets, chosen from its metric names alone, so that steps need not know about
 * reports: metrics that belong together (a GAN's two losses, D(x) beside D(G(z)), a VAE's loss
 * beside its reconstruction term) share a chart; any other metric gets a chart of its own.
 */
public final class Charts {

    private Charts() {}

    /**
     * The charts for a step's metrics.
     *
     * @param metricNames the step's metric names, as in {@code metrics.csv}
     * @return the charts, each metric on exactly one
     */
    public static List<Chart> forMetrics(List<String> metricNames) {
        Set<String> left = new LinkedHashSet<>(metricNames);
        List<Chart> charts = new ArrayList<>();
        group(left, charts, new Chart("losses", "Losses", "loss", List.of("loss_d", "loss_g")));
        group(
                left,
                charts,
                new Chart(
                        "discriminator",
                        "Discriminator: D(x) and D(G(z))",
                        "mean D output",
                        List.of("d_real", "d_fake")));
        group(
                left,
                charts,
                new Chart(
                        "loss",
                        "VAE loss per image: reconstruction + beta * KL",
                        "nats per image",
                        List.of("loss", "reconstruction")));
        if (left.remove("kl")) {
            charts.add(new Chart("kl", "KL(q(z|x) || N(0, I)) per image", "nats per image", List.of("kl")));
        }
        if (left.contains("mse")) {
            if (left.remove("loss")) {
                charts.add(new Chart("loss", "Reconstruction loss", "loss per pixel", List.of("loss")));
            }
            if (!group(
                    left,
                    charts,
                    new Chart(
                            "mse",
                            "MSE to the clean image: reconstruction vs noisy input",
                            "mean squared error",
                            List.of("mse", "noisy_mse")))) {
                left.remove("mse");
                charts.add(new Chart("mse", "Reconstruction MSE", "mean squared error", List.of("mse")));
            }
        }
        for (String metric : left) {
            charts.add(Chart.of(metric));
        }
        return charts;
    }

    /** Adds {@code chart} and consumes its metrics when all of them are left. */
    private static boolean group(Set<String> left, List<Chart> charts, Chart chart) {
        if (!left.containsAll(chart.metrics())) {
            return false;
        }
        left.removeAll(chart.metrics());
        charts.add(chart);
        return true;
    }
}
