package io.ganpoet.train.report;

import io.ganpoet.train.loop.Position;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.loop.TrainingLoop;
import io.ganpoet.train.run.FileErrors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code metrics.csv}: one row per step, {@code epoch,step,<metrics>,images_per_sec}. On resume,
 * rows past the resumed epoch (from the interrupted epoch) are dropped, so the file reads as one
 * uninterrupted run.
 */
public final class MetricsCsv implements RunListener {

    private final Path file;
    private BufferedWriter writer;
    private List<String> columns = List.of();

    /**
     * Creates the listener.
     *
     * @param file the CSV file, appended to on resume
     */
    public MetricsCsv(Path file) {
        this.file = file;
    }

    /**
     * Reads a metrics file back: header and rows.
     *
     * @param file the CSV file
     * @return the header first, then the rows
     * @throws IOException when the file cannot be read
     */
    public static List<String[]> read(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(line.split(","));
            }
        }
        return rows;
    }

    @Override
    public void onStart(TrainingLoop.RunInfo run, Position resumedFrom) throws IOException {
        columns = run.metricNames();
        String header = "epoch,step," + String.join(",", columns) + ",images_per_sec";
        List<String> kept = new ArrayList<>();
        kept.add(header);
        if (resumedFrom.step() > 0 && Files.exists(file)) {
            // Rows past the checkpoint were computed again after the resume: keep the ones before it.
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] cells = line.split(",", 3);
                if (cells.length == 3 && Long.parseLong(cells[1]) <= resumedFrom.step()) {
                    kept.add(line);
                }
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, kept, StandardCharsets.UTF_8);
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Override
    public void onStep(StepEvent event) throws IOException {
        StringBuilder row =
                new StringBuilder().append(event.epoch()).append(',').append(event.step());
        for (String column : columns) {
            row.append(',').append(event.metrics().get(column));
        }
        row.append(',').append(String.format(Locale.ROOT, "%.1f", event.imagesPerSecond()));
        try {
            writer.write(row.toString());
            writer.newLine();
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        }
    }

    @Override
    public void onEpochEnd(int epoch) throws IOException {
        flush();
    }

    private void flush() throws IOException {
        try {
            writer.flush();
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        }
    }

    @Override
    public void onCheckpoint(Path checkpoint, Position position) throws IOException {
        flush();
    }

    @Override
    public void onEnd(boolean completed) throws IOException {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw FileErrors.naming(file, e);
            }
        }
    }
}
