package io.ganpoet.samples;

import io.ganpoet.runtime.GanModel;
import io.ganpoet.samples.specs.DcganGan;
import io.ganpoet.samples.specs.FacesGan;
import io.ganpoet.samples.specs.FashionConditionalGan;
import io.ganpoet.samples.specs.FashionGan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The sample specs by the names configs and the command line use. */
final class Models {

    private static final Map<String, Supplier<GanModel>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("fashion", FashionGan::new);
        MODELS.put("faces", FacesGan::new);
        MODELS.put("dcgan", DcganGan::new);
        MODELS.put("fashion-conditional", FashionConditionalGan::new);
        MODELS.put("fashion-conditional-projection", FashionProjectionGan::new);
    }

    private Models() {}

    static GanModel named(String name) {
        Supplier<GanModel> model = MODELS.get(name);
        if (model == null) {
            throw new IllegalArgumentException(
                    "unknown model '" + name + "'; known: " + String.join(", ", MODELS.keySet()));
        }
        return model.get();
    }

    static Iterable<String> names() {
        return MODELS.keySet();
    }
}
