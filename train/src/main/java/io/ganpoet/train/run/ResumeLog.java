package io.ganpoet.train.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code resume-log.yaml}: one YAML list entry per resume that changed an allowed key. */
final class ResumeLog {

    private ResumeLog() {}

    /** Appends an entry: when, from which step, and each change; an error names the file. */
    static void append(Path log, long fromStep, List<RunDirectory.Change> changes) throws IOException {
        StringBuilder entry = new StringBuilder()
                .append("- at: ")
                .append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                .append('\n')
                .append("  from_step: ")
                .append(fromStep)
                .append('\n')
                .append("  changes:\n");
        for (RunDirectory.Change c : changes) {
            entry.append("    ")
                    .append(c.key())
                    .append(": {from: ")
                    .append(yaml(c.from()))
                    .append(", to: ")
                    .append(yaml(c.to()))
                    .append("}\n");
        }
        try {
            Files.writeString(log, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw FileErrors.naming(log, e);
        }
    }

    private static String yaml(Object value) {
        return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
    }
}
