package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.GeneratedNames;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.MirrorSpec;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.TensorShape;
import io.ganpoet.spec.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the network that inverts an analysed stack, as its {@link MirrorSpec} says: its layers
 * in reverse, each conv block as a transposed convolution (after an upsampling where the block
 * pooled) whose output padding lands exactly on the size the block read, dense blocks as a
 * projection from the latent and a reshape to the last feature map (the projection without an
 * activation when {@link MirrorSpec#activateProjection()} says so). Pure.
 */
public final class Mirror {

    private Mirror() {}

    /**
     * Mirrors {@code stack} from an input of the given shape: an autoencoder's decoder starts from
     * the encoder's own output (a map, or a flat code), a VAE's from a flat latent; a layer without
     * a convolution (a dense block, the Gaussian heads) mirrors into a projection to the size it
     * read and, where it read a map, a reshape back to it.
     */
    public static Network mirror(Network stack, TensorShape input, MirrorSpec policy, String className, String role) {
        List<Layer> dLayers = stack.layers();
        TensorShape shape = input;
        List<Layer> layers = new ArrayList<>();
        for (int i = dLayers.size() - 1; i >= 0; i--) {
            Layer d = dLayers.get(i);
            boolean isOutput = i == 0;
            List<Op> ops = new ArrayList<>();
            Op.Conv conv = find(d, Op.Conv.class);
            if (conv != null) {
                TensorShape convOut = conv.output(d.input());
                if (find(d, Op.MaxPool.class) != null) {
                    ops.add(new Op.Upsample(convOut.height(), convOut.width()));
                }
                ops.add(new Op.Deconv(
                        Math.toIntExact(d.input().channels()),
                        conv.kernel(),
                        conv.stride(),
                        conv.padding(),
                        conv.dilation(),
                        outPadding(conv, d.input().height(), convOut.height()),
                        outPadding(conv, d.input().width(), convOut.width()),
                        policy.bias()));
            } else {
                if (shape.isMap()) {
                    ops.add(new Op.Flatten());
                }
                ops.add(new Op.Linear(d.input().elements(), policy.bias()));
            }
            if (batchNorm(policy, d, isOutput)) {
                ops.add(new Op.BatchNorm());
            }
            if (isOutput || conv != null || policy.activateProjection()) {
                ops.add(new Op.Activate(isOutput ? policy.output() : policy.activation(), policy.leakySlope()));
            }
            if (conv == null && d.input().isMap()) {
                ops.add(new Op.Reshape(d.input()));
            }
            Layer layer = new Layer(GeneratedNames.mirrorLayer(d.name()), d.name(), d.at(), shape, ops);
            layers.add(layer);
            shape = layer.output();
        }
        return new Network(className, role, input, layers);
    }

    /** The output padding that makes the transposed convolution land on {@code read} exactly. */
    private static long outPadding(Op.Conv conv, long read, long convOut) {
        return read - Op.deconvOutput(convOut, conv.kernel(), conv.stride(), conv.padding(), conv.dilation(), 0);
    }

    private static boolean batchNorm(MirrorSpec policy, Layer mirrored, boolean isOutput) {
        return switch (policy.batchNorm()) {
            case ALL_BUT_OUTPUT -> !isOutput;
            case MIRROR -> find(mirrored, Op.BatchNorm.class) != null;
            case NONE -> false;
        };
    }

    private static <T extends Op> T find(Layer layer, Class<T> type) {
        for (Op op : layer.ops()) {
            if (type.isInstance(op)) {
                return type.cast(op);
            }
        }
        return null;
    }

    /** Whether the network ends in a sigmoid, i.e. outputs probabilities. */
    public static boolean endsInSigmoid(Network network) {
        List<Layer> layers = network.layers();
        Op.Activate last = null;
        for (Op op : layers.get(layers.size() - 1).ops()) {
            if (op instanceof Op.Activate a) {
                last = a;
            }
        }
        return last != null && last.activation() == Activation.SIGMOID;
    }
}
