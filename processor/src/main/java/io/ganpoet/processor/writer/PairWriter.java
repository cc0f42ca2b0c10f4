package io.ganpoet.processor.writer;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.TypeSpec;
import io.ganpoet.processor.analysis.PairAnalysis;
import io.ganpoet.processor.model.ModelSpec;
import java.util.List;
import java.util.Set;

/** Writes a pair's three classes, for every kind: the stack's block, the mirror's block and their holder. Pure. */
public final class PairWriter {

    private PairWriter() {}

    /**
     * @param generated the {@code @Generated} annotation, or {@code null} where unavailable
     * @param qualified simple names types must not be written by (see {@link BlockWriter})
     */
    public static List<TypeSpec> write(
            ModelSpec spec, PairAnalysis.Plan plan, AnnotationSpec generated, Set<String> qualified) {
        String source = spec.interfaceName();
        return List.of(
                new BlockWriter(plan.stack(), source, generated, qualified).write(),
                new BlockWriter(plan.mirror(), source, generated, qualified).write(),
                new HolderWriter(spec, plan, generated, qualified).write());
    }

    /** The layer tables under their headings, for {@code -Aganpoet.summary}: the holder's {@code summary()}. */
    public static String summary(ModelSpec spec, PairAnalysis.Plan plan) {
        return HolderWriter.summary(spec, plan);
    }
}
