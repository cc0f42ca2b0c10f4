package io.ganpoet.train.report;

import java.util.List;

/**
 * One plot of a run: some metrics, per step and per epoch mean, in {@code plots/<file>.png}.
 *
 * @param file the PNG's name without extension
 * @param title the chart title
 * @param yTitle the y axis title
 * @param metrics the metric columns drawn
 */
public record Chart(String file, String title, String yTitle, List<String> metrics) {

    /**
     * One metric on its own chart.
     *
     * @param metric the metric's name
     * @return the chart
     */
    public static Chart of(String metric) {
        return new Chart(metric, metric, metric, List.of(metric));
    }
}
