package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.Act;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.GeneratorSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.TensorShape;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the generator from a shape-checked discriminator: its layers in reverse, each conv
 * block as a transposed convolution (after an upsampling where the block pooled) whose output
 * padding lands exactly on the size the block read, dense blocks as a projection from the latent
 * and a reshape to the last feature map. Pure.
 *
 * <p>The generator takes {@code (latent, H, W)} where {@code H×W} is the discriminator's last
 * feature map: {@code 1×1} for the usual discriminator (the DCGAN convention) or with dense
 * blocks, larger for a patch discriminator.
 */
public final class Mirror {

    private Mirror() {}

    /** Mirrors {@code discriminator} (the analysed network of {@code spec}). */
    public static Network generator(DiscriminatorSpec spec, Network discriminator) {
        GeneratorSpec g = spec.generator();
        List<Layer> dLayers = discriminator.layers();
        TensorShape last = discriminator.output();
        TensorShape shape =
                last.isMap()
                        ? TensorShape.of(spec.latent(), last.height(), last.width())
                        : TensorShape.of(spec.latent(), 1, 1);
        TensorShape input = shape;
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
                long outPadH =
                        d.input().height()
                                - Op.deconvOutput(
                                        convOut.height(), conv.kernel(), conv.stride(), conv.padding(), conv.dilation(), 0);
                long outPadW =
                        d.input().width()
                                - Op.deconvOutput(
                                        convOut.width(), conv.kernel(), conv.stride(), conv.padding(), conv.dilation(), 0);
                ops.add(
                        new Op.Deconv(
                                Math.toIntExact(d.input().channels()),
                                conv.kernel(),
                                conv.stride(),
                                conv.padding(),
                                conv.dilation(),
                                outPadH,
                                outPadW,
                                g.bias()));
            } else {
                if (shape.isMap()) {
                    ops.add(new Op.Flatten());
                }
                ops.add(new Op.Linear(d.input().elements(), g.bias()));
            }
            if (batchNorm(g, d, isOutput)) {
                ops.add(new Op.BatchNorm());
            }
            ops.add(new Op.Activate(isOutput ? g.output() : g.activation(), g.leakySlope()));
            if (conv == null && d.input().isMap()) {
                ops.add(new Op.Reshape(d.input()));
            }
            Layer layer = new Layer(d.name() + "Mirror", d.name(), shape, ops);
            layers.add(layer);
            shape = layer.output();
        }
        return new Network(spec.generatorClassName(), "generator", input, layers);
    }

    private static boolean batchNorm(GeneratorSpec g, Layer mirrored, boolean isOutput) {
        switch (g.batchNorm()) {
            case ALL_BUT_OUTPUT:
                return !isOutput;
            case MIRROR:
                return find(mirrored, Op.BatchNorm.class) != null;
            default:
                return false;
        }
    }

    private static <T extends Op> T find(Layer layer, Class<T> type) {
        for (Op op : layer.ops()) {
            if (type.isInstance(op)) {
                return type.cast(op);
            }
        }
        return null;
    }

    /** Whether the discriminator ends in a sigmoid, i.e. outputs probabilities. */
    public static boolean endsInSigmoid(Network discriminator) {
        List<Layer> layers = discriminator.layers();
        Op.Activate last = null;
        for (Op op : layers.get(layers.size() - 1).ops()) {
            if (op instanceof Op.Activate a) {
                last = a;
            }
        }
        return last != null && last.activation() == Act.SIGMOID;
    }
}
