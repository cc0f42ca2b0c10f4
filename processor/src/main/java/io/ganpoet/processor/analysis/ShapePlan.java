package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.BlockSpec;
import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DenseBlockSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.StackSpec;
import io.ganpoet.processor.model.TensorShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The second stage of a stack's analysis: the tensor shapes block by block (each within {@link
 * Limits}) and which image rows and columns the stack reads. It plans every block whose values
 * {@link StackValidation} found valid, and stops at the first block whose shape cannot be computed,
 * since every later shape depends on it. Pure.
 */
final class ShapePlan {

    private final List<Problem> problems;
    private final ReceptiveField.Trace trace = new ReceptiveField.Trace();

    private ShapePlan(List<Problem> problems) {
        this.problems = problems;
    }

    /**
     * The layers of the first {@code plannable} blocks, adding shape problems to {@code problems};
     * {@code null} when a block's shape cannot be computed or not every block was plannable.
     */
    static List<Layer> plan(StackSpec stack, int plannable, List<Problem> problems) {
        return new ShapePlan(problems).run(stack, plannable);
    }

    private List<Layer> run(StackSpec stack, int plannable) {
        List<Layer> layers = new ArrayList<>();
        TensorShape shape = stack.inputShape();
        for (BlockSpec block : stack.blocks().subList(0, plannable)) {
            TensorShape in = shape;
            Layer layer = block.accept(new BlockSpec.Visitor<Layer>() {
                @Override
                public Layer conv(ConvBlockSpec b) {
                    return convLayer(b, in);
                }

                @Override
                public Layer dense(DenseBlockSpec b) {
                    return denseLayer(b, in);
                }
            });
            if (layer == null || !withinLimits(block, layer)) {
                return null;
            }
            layers.add(layer);
            shape = layer.output();
        }
        if (plannable < stack.blocks().size()) {
            return null;
        }
        trace.warnOnUnreadImage(stack, problems);
        return layers;
    }

    /** The conv block's layer, or {@code null} after reporting why its shape cannot be computed. */
    private Layer convLayer(ConvBlockSpec b, TensorShape in) {
        if (!in.isMap()) {
            problems.add(Problem.error(b.at(null), b.name() + ": a conv block cannot follow a dense block"));
            return null;
        }
        if (!fits(b, in)) {
            return null;
        }
        long padded = Math.max(in.height(), in.width()) + 2L * b.padding();
        if (b.stride() > padded) {
            problems.add(Problem.error(
                    b.at("stride"),
                    b.name() + ": stride " + b.stride() + " is larger than the padded " + in.spatial()
                            + " input; any stride above " + padded + " gives the same single window, so use"
                            + " stride ≤ " + padded));
            return null;
        }
        Op.Conv conv =
                new Op.Conv(b.filters(), b.kernel(), b.stride(), b.padding(), b.dilation(), b.bias(), b.spectralNorm());
        TensorShape convOut = conv.output(in);
        if (!trace.convolution(b, in, convOut)) {
            problems.add(Problem.error(
                    b.at("padding"),
                    b.name() + ": every window of " + geometry(b) + " on the " + in.spatial()
                            + " input reads only padding, so the block's output does not depend on its"
                            + " input; use a smaller padding or stride"));
            return null;
        }
        List<Op> ops = new ArrayList<>();
        ops.add(conv);
        if (b.batchNorm()) {
            ops.add(new Op.BatchNorm());
        }
        ops.add(new Op.Activate(b.activation(), b.leakySlope()));
        if (b.maxPool() > 0) {
            int window = b.maxPool();
            if (window > convOut.height() || window > convOut.width()) {
                problems.add(Problem.error(
                        b.at("maxPool"),
                        b.name() + ": max pool window " + window + " is larger than its " + convOut.spatial()
                                + " input; use maxPool = " + Math.min(convOut.height(), convOut.width())
                                + " or less, or 0 for none"));
                return null;
            }
            Op.MaxPool pool = new Op.MaxPool(window);
            trace.pool(b, window, convOut, pool.output(convOut));
            ops.add(pool);
        }
        if (b.dropout() > 0f) {
            ops.add(new Op.Dropout(b.dropout()));
        }
        return new Layer(b.name(), "", b.at(null), in, ops);
    }

    static String geometry(ConvBlockSpec b) {
        return "kernel " + b.kernel() + ", stride " + b.stride() + ", padding " + b.padding()
                + (b.dilation() == 1 ? "" : ", dilation " + b.dilation());
    }

    private boolean fits(ConvBlockSpec b, TensorShape in) {
        long span = (long) b.dilation() * (b.kernel() - 1) + 1;
        long paddedH = in.height() + 2L * b.padding();
        long paddedW = in.width() + 2L * b.padding();
        if (span <= paddedH && span <= paddedW) {
            return true;
        }
        String kernel = b.dilation() == 1
                ? "kernel " + b.kernel()
                : "kernel " + b.kernel() + " (dilation " + b.dilation() + ", spanning " + span + ")";
        long smallest = Math.min(in.height(), in.width());
        long maxKernel = (smallest + 2L * b.padding() - 1) / b.dilation() + 1;
        long minPadding = (span - smallest + 1) / 2;
        String fix = maxKernel >= 1
                ? "; use kernel ≤ " + maxKernel + " or padding ≥ " + minPadding
                : "; use padding ≥ " + minPadding;
        problems.add(Problem.error(
                b.at("kernel"),
                b.name() + ": " + kernel + " does not fit the " + in.spatial() + " input (padding " + b.padding() + ")"
                        + fix));
        return false;
    }

    private Layer denseLayer(DenseBlockSpec b, TensorShape in) {
        List<Op> ops = new ArrayList<>();
        if (in.isMap()) {
            ops.add(new Op.Flatten());
        }
        ops.add(new Op.Linear(b.units(), b.bias()));
        if (b.batchNorm()) {
            ops.add(new Op.BatchNorm());
        }
        ops.add(new Op.Activate(b.activation(), b.leakySlope()));
        if (b.dropout() > 0f) {
            ops.add(new Op.Dropout(b.dropout()));
        }
        return new Layer(b.name(), "", b.at(null), in, ops);
    }

    /** Every tensor and parameter count of the layer within {@link Limits}; else an error on the block. */
    private boolean withinLimits(BlockSpec block, Layer layer) {
        Problem problem = Checks.layerLimits(layer, block.name());
        if (problem != null) {
            problems.add(problem);
        }
        return problem == null;
    }
}
