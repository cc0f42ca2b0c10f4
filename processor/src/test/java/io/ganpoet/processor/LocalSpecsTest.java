package io.ganpoet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.ganpoet.processor.Sources.compile;
import static io.ganpoet.processor.Sources.line;
import static io.ganpoet.processor.Sources.spec;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Specs javac hides from processors (in a method, a lambda, an anonymous class): an error on their line, saying where. */
class LocalSpecsTest {

    private static JavaFileObject file(Compilation compilation) {
        return compilation.sourceFiles().get(0);
    }

    @Test
    void aLocalSpecIsAnErrorOnItsLine() {
        Compilation compilation = compile(spec(
                "Outer",
                "class Outer {",
                "    void method() {",
                "        @Discriminator(channels = 1, height = 8, width = 8)",
                "        @ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "        interface LocalDiscriminator {}",
                "        Runnable r = () -> {",
                "            @io.ganpoet.spec.Discriminator(channels = 1, height = 8, width = 8)",
                "            class InLambda {}",
                "        };",
                "    }",
                "}"));
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("@Discriminator interface LocalDiscriminator is local to a method")
                .inFile(file(compilation))
                .onLine(line(5));
        assertThat(compilation)
                .hadErrorContaining("@Discriminator class InLambda is declared in a lambda")
                .inFile(file(compilation))
                .onLine(line(8));
    }

    @Test
    void specsInFieldInitializersSayWhereTheyAre() {
        Compilation compilation = compile(spec(
                "Fields",
                "class Fields {",
                "    Object anonymous = new Object() {",
                "        @Discriminator(channels = 1, height = 8, width = 8)",
                "        @ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "        interface InAnonymous {}",
                "    };",
                "    Runnable lambda = () -> {",
                "        @Discriminator(channels = 1, height = 8, width = 8)",
                "        @ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "        interface InLambda {}",
                "    };",
                "    static {",
                "        @Encoder(channels = 1, height = 8, width = 8)",
                "        @ConvBlock(filters = 1, kernel = 8, activation = SIGMOID)",
                "        interface InInitializer {}",
                "    }",
                "}"));
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining("@Discriminator interface InAnonymous is declared in an anonymous class, and javac"
                        + " shows such types to no annotation processor")
                .inFile(file(compilation))
                .onLine(line(5));
        assertThat(compilation)
                .hadErrorContaining("@Discriminator interface InLambda is declared in a lambda, and javac shows local"
                        + " types to no annotation processor")
                .inFile(file(compilation))
                .onLine(line(10));
        assertThat(compilation)
                .hadErrorContaining("@Encoder interface InInitializer is declared in a static initializer")
                .inFile(file(compilation))
                .onLine(line(15));
    }
}
