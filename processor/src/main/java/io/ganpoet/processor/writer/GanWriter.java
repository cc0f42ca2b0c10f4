package io.ganpoet.processor.writer;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.TypeSpec;
import io.ganpoet.processor.analysis.GanAnalysis;
import io.ganpoet.processor.model.DiscriminatorSpec;
import java.util.List;
import java.util.Set;

/** Writes a GAN spec's three classes: the discriminator and generator blocks and their holder. Pure. */
public final class GanWriter {

    private GanWriter() {}

    /**
     * @param qualified simple names types must not be written by (see {@link BlockWriter})
     */
    public static List<TypeSpec> write(
            DiscriminatorSpec spec, GanAnalysis.Result plan, AnnotationSpec generated, Set<String> qualified) {
        String source = spec.interfaceName();
        return List.of(
                new BlockWriter(plan.discriminator(), source, generated, qualified).write(),
                new BlockWriter(plan.generator(), source, generated, qualified).write(),
                new HolderWriter(spec, plan.discriminator(), plan.generator(), plan.probabilities(), generated, qualified)
                        .write());
    }

    /** The layer tables, for {@code -Aganpoet.summary}. */
    public static String summary(GanAnalysis.Result plan) {
        return "Discriminator " + plan.discriminator().className() + "\n" + LayerTable.format(plan.discriminator())
                + "Generator " + plan.generator().className() + "\n" + LayerTable.format(plan.generator());
    }
}
