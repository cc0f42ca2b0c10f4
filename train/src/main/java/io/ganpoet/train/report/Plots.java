package io.ganpoet.train.report;

import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.run.FileErrors;
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
 * PNG plots (XChart) redrawn from {@code metrics.csv} after every epoch, one per {@link Chart}
 * the step asks for, each metric as per-step values and per-epoch means.
 */
public final class Plots implements RunListener {

    static {
        // XChart hands ImageIO an OutputStream; ImageIO's default cache for streams is a temporary
        // file marked deleteOnExit, which throws "Shutdown in progress" while a SIGINT's last epoch
        // is being written. Memory does as well for pictures this size.
        javax.imageio.ImageIO.setUseCache(false);
    }

    private final Path metrics;
    private final Path directory;
    private final List<Chart> charts;

    /**
     * @param metrics the run's metrics.csv
     * @param directory where the PNGs go
     * @param charts what to draw
     */
    public Plots(Path metrics, Path directory, List<Chart> charts) {
        this.metrics = metrics;
        this.directory = directory;
        this.charts = List.copyOf(charts);
    }

    @Override
    public void onEpochEnd(int epoch) throws IOException {
        draw(metrics, directory, charts);
    }

    /**
     * Draws each chart as {@code <file>.png} from a metrics file.
     *
     * @param metrics the {@code metrics.csv} file
     * @param directory where the PNGs go
     * @param charts what to plot
     * @throws IOException naming the file that cannot be read or written
     */
    public static void draw(Path metrics, Path directory, List<Chart> charts) throws IOException {
        List<String[]> rows = MetricsCsv.read(metrics);
        if (rows.size() < 2) {
            return;
        }
        List<String> header = List.of(rows.get(0));
        Files.createDirectories(directory);
        for (Chart chart : charts) {
            chart(
                    rows,
                    header,
                    chart.metrics(),
                    chart.title(),
                    chart.yTitle(),
                    directory.resolve(chart.file() + ".png"));
        }
    }

    private static void chart(
            List<String[]> rows, List<String> header, List<String> columns, String title, String yTitle, Path file)
            throws IOException {
        int stepColumn = header.indexOf("step");
        int epochColumn = header.indexOf("epoch");
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(500)
                .title(title)
                .xAxisTitle("step")
                .yAxisTitle(yTitle)
                .build();
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
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        }
    }
}
