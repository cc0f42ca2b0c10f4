package io.ganpoet.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's recipes, built the way a new user builds them: the Maven project (by the invoker, before
 * this test, against the artifacts it installed into {@code target/local-repo}) and the plain
 * {@code javac} script; then the programs the README shows are run and their output checked.
 */
class RecipesIT {

    private static final Path TARGET = Path.of(System.getProperty("recipes.dir", "target"));
    private static final Path LOCAL_REPO = Path.of(System.getProperty("recipes.localRepo", "target/local-repo"));
    private static final Path MAVEN = TARGET.resolve("it/maven");

    @Test
    void theMavenRecipeGeneratesTheSpecsClasses() {
        for (String name : List.of("IconDiscriminatorBlock", "IconGeneratorBlock", "IconGan")) {
            Path source = MAVEN.resolve("target/generated-sources/annotations/com/example/icons/" + name + ".java");
            assertTrue(Files.isRegularFile(source), "the processor did not write " + source + "; see " + MAVEN.resolve("build.log"));
        }
    }

    @Test
    void theFinishedRunAndTrainingRecipesCompileAgainstTheInstalledArtifacts() {
        for (Path compiled : List.of(MAVEN.resolve("target/classes/com/example/icons/Serve.class"),
                TARGET.resolve("it/maven-train/target/classes/com/example/icons/Train.class"),
                TARGET.resolve("it/maven-train/target/classes/com/example/icons/IconGan.class"))) {
            assertTrue(Files.isRegularFile(compiled), compiled + " was not compiled");
        }
    }

    @Test
    void theMavenRecipesGeneratorDrawsImages() throws Exception {
        String out = run(MAVEN, javaCommand(MAVEN.resolve("target/classes") + File.pathSeparator + runtimeClassPath(),
                "com.example.icons.Draw"));
        assertTrue(out.contains("drew (4, 3, 32, 32) images in ["), out);
        Matcher range = Pattern.compile("in \\[(\\S+), (\\S+)]").matcher(out);
        assertTrue(range.find(), out);
        assertTrue(Float.parseFloat(range.group(1)) >= -1f && Float.parseFloat(range.group(2)) <= 1f, "tanh output: " + out);
    }

    @Test
    void theOwnTrainerRecipeLearnsWithTheLogitsPattern() throws Exception {
        String out = run(MAVEN, javaCommand(MAVEN.resolve("target/classes") + File.pathSeparator + runtimeClassPath(),
                "com.example.icons.OwnLoop"));
        Matcher first = Pattern.compile("step 1 loss (\\S+)").matcher(out);
        Matcher last = Pattern.compile("step 20 loss (\\S+)").matcher(out);
        assertTrue(first.find() && last.find(), out);
        float start = Float.parseFloat(first.group(1));
        float end = Float.parseFloat(last.group(1));
        // Binary cross-entropy is positive; from logits with fromSigmoid = false it falls.
        assertTrue(start > 0.3f && start < 2f, "first loss " + start);
        assertTrue(end > 0f && end < start / 2, "loss " + start + " -> " + end);
    }

    @Test
    void aTrainingUserReceivesNoTestLibrariesAndNoPdfLibraries() throws IOException {
        List<String> deps = Files.readAllLines(TARGET.resolve("it/maven-train/dependencies.txt"), StandardCharsets.UTF_8);
        assertTrue(deps.stream().anyMatch(l -> l.contains("io.ganpoet:ganpoet-train:jar")), String.join("\n", deps));
        for (String banned : List.of("junit", "opentest4j", "apiguardian", "hamcrest", "org.apache.pdfbox", "de.rototor.pdfbox",
                "commons-logging", "VectorGraphics2D")) {
            assertFalse(deps.stream().anyMatch(l -> l.contains(banned)), banned + " reaches ganpoet-train users:\n" + String.join("\n", deps));
        }
    }

    @Test
    void thePlainJavacRecipeCompilesTheSpecAndRunsTheGenerator() throws Exception {
        Path dir = TARGET.resolve("it/javac");
        deleteTree(dir);
        copyTree(TARGET.resolve("recipes/javac"), dir);
        // lib/: the Maven project's run-time jars, plus the processor's two others, as the README says.
        Path lib = Files.createDirectories(dir.resolve("lib"));
        for (String jar : runtimeClassPath().split(File.pathSeparator)) {
            Files.copy(Path.of(jar), lib.resolve(Path.of(jar).getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path jar : List.of(
                LOCAL_REPO.resolve("io/ganpoet/ganpoet-processor/0.1.0-SNAPSHOT/ganpoet-processor-0.1.0-SNAPSHOT.jar"),
                LOCAL_REPO.resolve("com/squareup/javapoet/1.13.0/javapoet-1.13.0.jar"))) {
            Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(dir.resolve("classes"));
        String out = run(dir, List.of("bash", "-e", "build.sh"));
        assertTrue(out.contains("drew (4, 3, 32, 32) images in ["), out);
        assertTrue(Files.isRegularFile(dir.resolve("classes/com/example/icons/IconGan.class")), out);
    }

    @Test
    void theJavacRecipeUsesTheJarsThisBuildMade() throws IOException {
        String script = Files.readString(TARGET.resolve("recipes/javac/build.sh"), StandardCharsets.UTF_8);
        assertTrue(script.contains("ganpoet-annotations-0.1.0-SNAPSHOT.jar"), "the processor path needs the annotations jar:\n" + script);
        // ECJ ignores -processorpath before -cp: the README's order must be -cp first.
        assertTrue(script.indexOf("-cp") < script.indexOf("-processorpath"), script);
        assertEquals(1, count(script, "javapoet-1.13.0.jar"), script);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static String runtimeClassPath() throws IOException {
        return Files.readString(MAVEN.resolve("runtime-classpath.txt"), StandardCharsets.UTF_8).trim();
    }

    private static List<String> javaCommand(String classPath, String main) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true", "-cp",
                classPath, main);
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        assertEquals(0, code, String.join(" ", command) + " in " + dir + ":\n" + out);
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
