package io.ganpoet.processor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * An input shape and the ordered blocks that read it: what a discriminator or an encoder declares.
 * {@code StackValidation} checks its values and {@code ShapePlan} its shapes.
 *
 * @param input the per-sample input {@code (C, H, W)}, as written (may be invalid)
 * @param inputAt where each input size is written: channels, height, width
 * @param blocks conv blocks, then dense blocks, in source order
 */
public record StackSpec(long[] input, List<Location> inputAt, List<BlockSpec> blocks) {

    public StackSpec {
        input = input.clone();
        inputAt = List.copyOf(inputAt);
        blocks = List.copyOf(blocks);
    }

    /** A kind's stack from its parts as the annotations spell them. */
    public static StackSpec of(
            PairKind kind,
            int channels,
            int height,
            int width,
            List<ConvBlockSpec> convs,
            List<DenseBlockSpec> denses) {
        List<BlockSpec> blocks = new ArrayList<>(convs);
        blocks.addAll(denses);
        return new StackSpec(
                new long[] {channels, height, width},
                List.of(kind.specAt("channels"), kind.specAt("height"), kind.specAt("width")),
                blocks);
    }

    public TensorShape inputShape() {
        return TensorShape.of(input);
    }

    public List<ConvBlockSpec> convBlocks() {
        return blocks.stream()
                .filter(ConvBlockSpec.class::isInstance)
                .map(ConvBlockSpec.class::cast)
                .toList();
    }

    public List<DenseBlockSpec> denseBlocks() {
        return blocks.stream()
                .filter(DenseBlockSpec.class::isInstance)
                .map(DenseBlockSpec.class::cast)
                .toList();
    }
}
