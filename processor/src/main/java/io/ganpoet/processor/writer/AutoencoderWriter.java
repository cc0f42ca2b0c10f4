package io.ganpoet.processor.writer;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.TypeSpec;
import io.ganpoet.processor.analysis.AutoencoderAnalysis;
import io.ganpoet.processor.model.EncoderSpec;
import java.util.List;
import java.util.Set;

/** Writes an {@code @Encoder} spec's three classes: the encoder and decoder blocks and their holder. Pure. */
public final class AutoencoderWriter {

    private AutoencoderWriter() {}

    /**
     * @param qualified simple names types must not be written by (see {@link BlockWriter})
     */
    public static List<TypeSpec> write(
            EncoderSpec spec, AutoencoderAnalysis.Result plan, AnnotationSpec generated, Set<String> qualified) {
        String source = spec.interfaceName();
        return List.of(
                new BlockWriter(plan.encoder(), source, generated, qualified).write(),
                new BlockWriter(plan.decoder(), source, generated, qualified).write(),
                new AutoencoderHolderWriter(spec, plan.encoder(), plan.decoder(), generated, qualified).write());
    }

    /** The layer tables, for {@code -Aganpoet.summary}. */
    public static String summary(EncoderSpec spec, AutoencoderAnalysis.Result plan) {
        return AutoencoderHolderWriter.summary(spec, plan.encoder(), plan.decoder());
    }
}
