package io.ganpoet.processor.model;

import java.util.List;

/**
 * A network to generate: its class name, input shape and layers.
 *
 * @param className the simple name of the generated block
 * @param role {@code "discriminator"} or {@code "generator"}
 * @param input per-sample input shape
 * @param layers the layers in order; each one's input is the previous one's output
 */
public record Network(String className, String role, TensorShape input, List<Layer> layers) {

    public Network {
        layers = List.copyOf(layers);
    }

    public TensorShape output() {
        return layers.isEmpty() ? input : layers.get(layers.size() - 1).output();
    }

    public long parameters() {
        return layers.stream().mapToLong(Layer::parameters).sum();
    }

    public long multiplyAdds() {
        return layers.stream().mapToLong(Layer::multiplyAdds).sum();
    }
}
