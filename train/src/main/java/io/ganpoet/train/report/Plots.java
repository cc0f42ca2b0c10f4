package io.ganpoet.train.report;

import io.ganpoet.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots (XChart) redrawn from {@code metrics.csv} after every epoch: the losses, and D(x)
 * against D(G(z)), each as per-step values and per-epoch means.
 */
public final class Plots implements TrainingListener {

    private final Path metrics;
    private final Path directory;

    /**
     * @param metrics the run's metrics.csv
     * @param directory where the PNGs go
     */
    public Plots(Path metrics, Path directory) {
        this.metrics = metrics;
        this.directory = directory;
    }

    @Override
    public void onEpochEnd(int epoch) throws IOException {
        draw(metrics, directory);
    }

    /** Draws {@code losses.png} and {@code discriminator.png} from a metrics file. */
    public static void draw(Path metrics, Path directory) throws IOException {
        List<String[]> rows = MetricsCsv.read(metrics);
        if (rows.size() < 2) {
            return;
        }
        List<String> header = List.of(rows.get(0));
        Files.createDirectories(directory);
        chart(rows, header, List.of("loss_d", "loss_g"), "Losses", "loss", directory.resolve("losses.png"));
        chart(rows, header, List.of("d_real", "d_fake"), "Discriminator: D(x) and D(G(z))", "mean D output",
                directory.resolve("discriminator.png"));
    }

    private static void chart(List<String[]> rows, List<String> header, List<String> columns, String title, String yTitle,
            Path file) throws IOException {
        int stepColumn = header.indexOf("step");
        int epochColumn = header.indexOf("epoch");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step").yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (String name : columns) {
            int column = header.indexOf(name);
            if (column < 0) {
                continue;
            }
            List<Double> steps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            Map<Integer, double[]> epochs = new LinkedHashMap<>();
            for (String[] row : rows.subList(1, rows.size())) {
                double step = Double.parseDouble(row[stepColumn]);
                double value = Double.parseDouble(row[column]);
                steps.add(step);
                values.add(value);
                double[] acc = epochs.computeIfAbsent(Integer.parseInt(row[epochColumn]), e -> new double[3]);
                acc[0] += value;
                acc[1]++;
                acc[2] = step;
            }
            XYSeries raw = chart.addSeries(name, steps, values);
            raw.setMarker(SeriesMarkers.NONE);
            raw.setLineWidth(1f);
            List<Double> epochX = new ArrayList<>();
            List<Double> epochY = new ArrayList<>();
            for (double[] acc : epochs.values()) {
                epochX.add(acc[2]);
                epochY.add(acc[0] / acc[1]);
            }
            XYSeries means = chart.addSeries(name + " (epoch mean)", epochX, epochY);
            means.setMarker(SeriesMarkers.CIRCLE);
            means.setLineWidth(2.5f);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
