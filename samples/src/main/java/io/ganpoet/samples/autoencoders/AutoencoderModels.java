package io.ganpoet.samples.autoencoders;

import ai.djl.ndarray.types.Shape;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.samples.autoencoders.MirroredConvAutoencoder.ConvLayer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The sample autoencoders by the names configs and the command line use. */
public final class AutoencoderModels {

    private static final Map<String, Supplier<AutoencoderModel>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("lecture", AutoencoderModels::lecture);
        MODELS.put("fashion-vae", AutoencoderModels::fashionVae);
    }

    private AutoencoderModels() {}

    /**
     * The lecture's denoising autoencoder for 1×28×28 images: conv 1→32 k3 p1 + ReLU + max-pool 2,
     * 32→16, 16→8 the same (28 → 14 → 7 → 3); the mirrored decoder lands on 1×28×28.
     */
    public static AutoencoderModel lecture() {
        return new MirroredConvAutoencoder("Lecture", new Shape(1, 28, 28),
                List.of(new ConvLayer(32, 3, 1), new ConvLayer(16, 3, 1), new ConvLayer(8, 3, 1)), 0);
    }

    /** A small VAE for Fashion-MNIST: conv 1→16, 16→32 (k3 p1, ReLU, max-pool 2), latent 16. */
    public static AutoencoderModel fashionVae() {
        return new MirroredConvAutoencoder("FashionVae", new Shape(1, 28, 28),
                List.of(new ConvLayer(16, 3, 1), new ConvLayer(32, 3, 1)), 16);
    }

    public static AutoencoderModel named(String name) {
        Supplier<AutoencoderModel> model = MODELS.get(name);
        if (model == null) {
            throw new IllegalArgumentException("unknown autoencoder '" + name + "'; known: " + String.join(", ", MODELS.keySet()));
        }
        return model.get();
    }

    public static boolean has(String name) {
        return MODELS.containsKey(name);
    }

    public static Iterable<String> names() {
        return MODELS.keySet();
    }
}
