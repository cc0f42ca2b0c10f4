package io.ganpoet.processor.model;

import java.util.List;

/**
 * An input shape and the ordered blocks that read it: what a discriminator (and, later, an
 * encoder) declares. {@code StackAnalysis} validates one in a single pass.
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

    public TensorShape inputShape() {
        return TensorShape.of(input);
    }

    public List<ConvBlockSpec> convBlocks() {
        return blocks.stream().filter(ConvBlockSpec.class::isInstance).map(ConvBlockSpec.class::cast).toList();
    }

    public List<DenseBlockSpec> denseBlocks() {
        return blocks.stream().filter(DenseBlockSpec.class::isInstance).map(DenseBlockSpec.class::cast).toList();
    }
}
