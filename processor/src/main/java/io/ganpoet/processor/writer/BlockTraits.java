package io.ganpoet.processor.writer;

import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.spec.Activation;
import java.util.List;

/**
 * What a network's ends say about the block written from it, read once: a variational encoder's
 * Gaussian heads, a conditional network's label join, a final sigmoid that {@code logits} skips.
 *
 * @param heads the last op when it is the Gaussian heads, else {@code null}
 * @param labelJoin the first op when it joins labels ({@link Op.LabelMaps}, {@link Op.LabelEmbedding}), else {@code null}
 * @param finalSigmoid the last op when it is a sigmoid, else {@code null}
 */
record BlockTraits(Op.GaussianHeads heads, Op labelJoin, Op finalSigmoid) {

    static BlockTraits of(Network network) {
        if (network.layers().isEmpty()) {
            return new BlockTraits(null, null, null);
        }
        List<Op> lastOps = network.layers().get(network.layers().size() - 1).ops();
        Op last = lastOps.get(lastOps.size() - 1);
        Op first = network.layers().get(0).ops().get(0);
        return new BlockTraits(
                last instanceof Op.GaussianHeads h ? h : null,
                first instanceof Op.LabelMaps || first instanceof Op.LabelEmbedding ? first : null,
                last instanceof Op.Activate a && a.activation() == Activation.SIGMOID ? last : null);
    }

    boolean conditional() {
        return labelJoin != null;
    }

    /** The number of classes of a conditional network. */
    int classes() {
        return labelJoin instanceof Op.LabelMaps m ? m.classes() : ((Op.LabelEmbedding) labelJoin).classes();
    }

    /** What a conditional network's first input is, for messages: {@code images} or {@code z}. */
    String firstInput() {
        return labelJoin instanceof Op.LabelMaps ? "images" : "z";
    }
}
