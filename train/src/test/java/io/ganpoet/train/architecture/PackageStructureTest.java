package io.ganpoet.train.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The training library's packages show its architecture: no cycles, layers point one way, small files. */
class PackageStructureTest {

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ganpoet.train");
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("io.ganpoet.train.(**)").should().beFreeOfCycles().check(library);
    }

    @Test
    void theLoopKnowsNothingOfConfigurationRunDirectoriesReportsOrModelKinds() {
        noClasses()
                .that()
                .resideInAPackage("io.ganpoet.train.loop..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.ganpoet.train.run..",
                        "io.ganpoet.train.report..",
                        "io.ganpoet.train.gan..",
                        "io.ganpoet.train.autoencoder..",
                        "io.ganpoet.train.classifier..")
                .check(library);
    }

    @Test
    void stepsDoNotDependOnReportsOrRunDirectories() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.ganpoet.train.gan..", "io.ganpoet.train.autoencoder..", "io.ganpoet.train.classifier..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.ganpoet.train.report..", "io.ganpoet.train.run..")
                .check(library);
    }

    @Test
    void noSubpackageDependsOnTheTrainersAbove() {
        noClasses()
                .that()
                .resideInAPackage("io.ganpoet.train.*..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.ganpoet.train")
                .check(library);
    }

    @Test
    void everyPackageSaysWhatLivesThereAndNoFileIsOver300Lines() throws IOException {
        Path sources = Path.of("src/main/java/io/ganpoet/train");
        try (Stream<Path> walk = Files.walk(sources)) {
            List<Path> packages = walk.filter(Files::isDirectory)
                    .filter(PackageStructureTest::holdsJava)
                    .toList();
            assertTrue(packages.size() >= 10, packages.toString());
            for (Path dir : packages) {
                assertTrue(Files.exists(dir.resolve("package-info.java")), dir + " has no package-info.java");
            }
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            List<String> long_ = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> lines(p) > 300)
                    .map(p -> p + " (" + lines(p) + " lines)")
                    .toList();
            assertEquals(List.of(), long_, "files over 300 lines");
        }
    }

    private static boolean holdsJava(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(p -> p.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
