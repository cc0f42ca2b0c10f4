package io.ganpoet.runtime;

import ai.djl.ndarray.types.Shape;

/**
 * One row of a compile-time layer table.
 *
 * @param name the layer's name (its field in generated code)
 * @param operations what the layer does, e.g. {@code Conv2d 4×4 s2 p1, BatchNorm, LeakyReLU(0.2)}
 * @param outputShape the output shape without the batch axis
 * @param parameters trainable parameters
 * @param multiplyAdds multiply-adds of its convolution or linear map, per sample
 */
public record LayerSummary(String name, String operations, Shape outputShape, long parameters, long multiplyAdds) {}
