package io.ganpoet.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor as a user of plain {@code javac} meets it: discovered from {@code -processorpath}
 * through its {@code META-INF/services} entry, not handed to the compiler by a test harness.
 */
class PlainJavacTest {

    @Test
    void javacDiscoversTheProcessorOnTheProcessorPath(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("src/demo/DcganDiscriminator.java");
        Files.createDirectories(source.getParent());
        Files.writeString(
                source,
                Sources.dcgan().getCharContent(true).toString().replace("package test;", "package demo;"),
                StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path generated = Files.createDirectories(dir.resolve("generated"));
        String classpath = System.getProperty("java.class.path");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter output = new StringWriter();
        boolean ok = javac.getTask(
                        output,
                        null,
                        null,
                        List.of(
                                "-classpath",
                                classpath,
                                "-processorpath",
                                classpath,
                                "-d",
                                classes.toString(),
                                "-s",
                                generated.toString()),
                        null,
                        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                                .getJavaFileObjects(source.toFile()))
                .call();
        assertTrue(ok, output.toString());
        for (String name : List.of("DcganDiscriminatorBlock", "DcganGeneratorBlock", "DcganGan")) {
            assertTrue(Files.exists(generated.resolve("demo/" + name + ".java")), name);
            assertTrue(Files.exists(classes.resolve("demo/" + name + ".class")), name);
        }
    }

    @Test
    void aProcessorPathWithoutTheAnnotationsJarIsOneErrorNamingIt(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("src/demo/DcganDiscriminator.java");
        Files.createDirectories(source.getParent());
        Files.writeString(
                source,
                Sources.dcgan().getCharContent(true).toString().replace("package test;", "package demo;"),
                StandardCharsets.UTF_8);
        // javac in a process of its own: in this JVM the processor's class loader would see the
        // annotations through the test class path
        String processorPath = location(GanProcessor.class)
                + java.io.File.pathSeparator
                + location(com.squareup.javapoet.JavaFile.class);
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        Process process = new ProcessBuilder(
                        javac.toString(),
                        "-proc:only",
                        "-classpath",
                        System.getProperty("java.class.path"),
                        "-processorpath",
                        processorPath,
                        "-d",
                        Files.createDirectories(dir.resolve("classes")).toString(),
                        source.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.waitFor(), output);
        assertTrue(
                output.contains("error: ganpoet: the annotation processor path has ganpoet-processor but not"
                        + " ganpoet-annotations (io.ganpoet.spec.Discriminator is missing); put the ganpoet-annotations jar"
                        + " on the processor path beside ganpoet-processor and javapoet"),
                output);
        assertTrue(output.contains("1 error"), output);
        assertFalse(output.contains("NoClassDefFoundError") || output.contains("\tat "), output);
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    @Test
    void declaresItselfIsolatingForGradle() throws IOException {
        try (var in = GanProcessor.class.getResourceAsStream("/META-INF/gradle/incremental.annotation.processors")) {
            assertEquals(
                    "io.ganpoet.processor.GanProcessor,isolating",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
