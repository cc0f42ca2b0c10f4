package io.ganpoet.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's recipes as files: every fenced code block preceded by one or more
 * {@code <!-- recipe: PATH -->} lines is written, verbatim, to each {@code PATH}. The build writes
 * them into {@code target/recipes/} and builds them as a user would (README "Using ganpoet in your
 * project"), so the README cannot drift from what works.
 */
public final class Recipes {

    private static final String MARK = "<!-- recipe: ";

    private Recipes() {}

    /**
     * Reads the recipes of a Markdown text.
     *
     * @param markdown the README
     * @param origin the file name used in messages
     * @return file contents by relative path, in the README's order
     * @throws IllegalArgumentException when a recipe mark is not followed by a fenced block, or a path
     *     is given twice
     */
    public static Map<String, String> read(String markdown, String origin) {
        List<String> lines = markdown.lines().toList();
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(MARK)) {
                continue;
            }
            List<String> paths = new java.util.ArrayList<>();
            int at = i;
            while (at < lines.size() && lines.get(at).startsWith(MARK)) {
                String line = lines.get(at);
                if (!line.endsWith(" -->")) {
                    throw new IllegalArgumentException(origin + ":" + (at + 1) + ": a recipe mark ends with ' -->'");
                }
                paths.add(line.substring(MARK.length(), line.length() - 4).trim());
                at++;
            }
            if (at >= lines.size() || !lines.get(at).startsWith("```")) {
                throw new IllegalArgumentException(origin + ":" + (i + 1) + ": a recipe mark must be followed by a fenced code block");
            }
            StringBuilder body = new StringBuilder();
            int line = at + 1;
            while (line < lines.size() && !lines.get(line).startsWith("```")) {
                body.append(lines.get(line)).append('\n');
                line++;
            }
            if (line >= lines.size()) {
                throw new IllegalArgumentException(origin + ":" + (at + 1) + ": the recipe's code block is never closed");
            }
            for (String path : paths) {
                if (files.put(path, body.toString()) != null) {
                    throw new IllegalArgumentException(origin + ":" + (i + 1) + ": recipe " + path + " is given twice");
                }
            }
            i = line;
        }
        return files;
    }

    /**
     * Writes the recipes of a README under a folder.
     *
     * @param readme the README
     * @param into the folder to write under
     * @return the files written, relative to {@code into}
     * @throws IOException when the README cannot be read or a file cannot be written
     */
    public static List<String> write(Path readme, Path into) throws IOException {
        Map<String, String> files = read(Files.readString(readme, StandardCharsets.UTF_8), readme.toString());
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = into.resolve(e.getKey()).normalize();
            if (!file.startsWith(into.normalize())) {
                throw new IllegalArgumentException(readme + ": recipe path " + e.getKey() + " leaves the recipe folder");
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
        return List.copyOf(files.keySet());
    }

    /**
     * Writes the README's recipes: {@code Recipes README.md OUTPUT_DIR}. The Maven recipe's pom is
     * also written as {@code maven-train/pom.xml}, depending on {@code ganpoet-train} as the README's
     * comment offers, for the training recipe and to check what a training user's class path receives.
     *
     * @param args the README and the output folder
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Recipes README.md OUTPUT_DIR");
        }
        Path into = Path.of(args[1]);
        List<String> written = write(Path.of(args[0]), into);
        Path pom = into.resolve("maven/pom.xml");
        if (Files.exists(pom)) {
            String trainUser = Files.readString(pom, StandardCharsets.UTF_8)
                    .replace("<artifactId>icons</artifactId>", "<artifactId>icons-training</artifactId>")
                    .replace("<artifactId>ganpoet-runtime</artifactId>", "<artifactId>ganpoet-train</artifactId>");
            Files.createDirectories(into.resolve("maven-train"));
            Files.writeString(into.resolve("maven-train/pom.xml"), trainUser, StandardCharsets.UTF_8);
        }
        System.out.println("README recipes: " + String.join(", ", written));
    }
}
