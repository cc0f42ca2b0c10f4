package io.ganpoet.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How recipes are read from Markdown, and that the README's recipes match this build's versions. */
class RecipesTest {

    private static final Path ROOT = Path.of("../..");

    @Test
    void aMarkedBlockIsWrittenVerbatimToEachOfItsPaths() {
        Map<String, String> files = Recipes.read("""
                text
                <!-- recipe: a/One.java -->
                <!-- recipe: b/One.java -->
                ```java
                class One {}
                ```
                ```sh
                not a recipe
                ```
                """, "T.md");
        assertEquals(Map.of("a/One.java", "class One {}\n", "b/One.java", "class One {}\n"), files);
    }

    @Test
    void aMarkWithoutABlockIsNamedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Recipes.read("x\n<!-- recipe: a.txt -->\nno fence\n", "T.md"));
        assertEquals("T.md:2: a recipe mark must be followed by a fenced code block", e.getMessage());
    }

    @Test
    void theReadmeHoldsTheMavenAndJavacRecipes() throws IOException {
        Map<String, String> files = Recipes.read(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8), "README.md");
        assertTrue(files.keySet().containsAll(java.util.List.of("maven/pom.xml", "maven/src/main/java/com/example/icons/Draw.java",
                "maven/src/main/java/com/example/icons/OwnLoop.java", "javac/build.sh",
                "javac/src/com/example/icons/IconDiscriminator.java")), files.keySet().toString());
        String pom = files.get("maven/pom.xml");
        assertTrue(pom.contains("<artifactId>maven-compiler-plugin</artifactId>\n        <version>" + property("compiler-plugin.version")),
                "the README must pin the compiler plugin this build uses (Maven 3.8 defaults to 3.1)");
        assertTrue(pom.contains("<artifactId>ganpoet-bom</artifactId>\n        <version>" + projectVersion()), pom);
    }

    @Test
    void theBomPinsWhatTheBuildUses() throws IOException {
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"), StandardCharsets.UTF_8);
        for (String key : java.util.List.of("djl.version", "pytorch.version", "pytorch.jni.version")) {
            assertEquals(property(key), tag(bom, key), key + " in bom/pom.xml");
        }
        assertEquals(projectVersion(), tag(bom, "version"), "the BOM's own version");
    }

    private static String property(String name) throws IOException {
        return tag(Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8), name);
    }

    private static String projectVersion() throws IOException {
        return tag(Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8), "version");
    }

    /** The first element's text. */
    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(xml);
        assertTrue(m.find(), name);
        return m.group(1);
    }
}
