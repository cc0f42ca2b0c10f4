package io.ganpoet.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Test sources and the compiler configured with the processor. */
final class Sources {

    private Sources() {}

    /** A source file {@code test/<name>.java} with the spec imports and the given lines. */
    static JavaFileObject spec(String name, String... lines) {
        StringBuilder text = new StringBuilder()
                .append("package test;\n")
                .append("\n")
                .append("import io.ganpoet.spec.*;\n")
                .append("import static io.ganpoet.spec.Activation.*;\n")
                .append("\n");
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return JavaFileObjects.forSourceString("test." + name, text.toString());
    }

    /** Line number in {@link #spec} sources of the {@code i}-th given line (from 1). */
    static int line(int i) {
        return 5 + i;
    }

    static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new GanProcessor()).compile(sources);
    }

    static Compilation compile(String[] options, JavaFileObject... sources) {
        return Compiler.javac()
                .withProcessors(new GanProcessor())
                .withOptions((Object[]) options)
                .compile(sources);
    }

    /** The PyTorch DCGAN tutorial's discriminator (nc = 3, 64×64). */
    static JavaFileObject dcgan() {
        return spec(
                "DcganDiscriminator",
                "@Discriminator(channels = 3, height = 64, width = 64)",
                "@ConvBlock(filters = 64, kernel = 4, stride = 2, padding = 1, bias = false, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 128, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 256, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 512, kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)",
                "@ConvBlock(filters = 1, kernel = 4, bias = false, activation = SIGMOID)",
                "interface DcganDiscriminator {}");
    }
}
