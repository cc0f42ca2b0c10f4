package io.ganpoet.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CLI only parses, builds a config and calls the library: every command fits in 120 lines. */
class CommandSizeTest {

    @Test
    void everyCommandIsUnder120Lines() throws IOException {
        Path sources = Path.of("src/main/java/io/ganpoet/samples");
        List<String> tooLong;
        List<Path> commands;
        try (Stream<Path> list = Files.list(sources)) {
            commands = list.filter(p -> p.getFileName().toString().endsWith("Command.java"))
                    .toList();
        }
        assertTrue(commands.size() >= 8, commands.toString());
        tooLong = commands.stream()
                .filter(p -> lines(p) > 120)
                .map(p -> p.getFileName() + " (" + lines(p) + " lines)")
                .toList();
        assertEquals(List.of(), tooLong);
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
