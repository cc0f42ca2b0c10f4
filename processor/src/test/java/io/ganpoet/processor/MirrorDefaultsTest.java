package io.ganpoet.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganpoet.processor.model.MirrorSpec;
import io.ganpoet.spec.Decoder;
import io.ganpoet.spec.Generator;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

/** The reader fills unwritten mirror attributes from {@link MirrorSpec}'s defaults: they are the annotations' own. */
class MirrorDefaultsTest {

    @Test
    void generatorDefaultsAreGeneratorsOwn() throws Exception {
        assertEquals(defaults(Generator.class), MirrorSpec.generatorDefaults());
    }

    @Test
    void decoderDefaultsAreDecodersOwn() throws Exception {
        assertEquals(defaults(Decoder.class), MirrorSpec.decoderDefaults());
    }

    private static MirrorSpec defaults(Class<? extends Annotation> type) throws Exception {
        return new MirrorSpec(
                (String) type.getMethod("name").getDefaultValue(),
                (io.ganpoet.spec.Activation) type.getMethod("activation").getDefaultValue(),
                (io.ganpoet.spec.Activation) type.getMethod("output").getDefaultValue(),
                (Float) type.getMethod("leakySlope").getDefaultValue(),
                (Generator.BatchNormPolicy) type.getMethod("batchNorm").getDefaultValue(),
                (Boolean) type.getMethod("bias").getDefaultValue(),
                type == Decoder.class
                        ? (Boolean) type.getMethod("activateProjection").getDefaultValue()
                        : true);
    }
}
