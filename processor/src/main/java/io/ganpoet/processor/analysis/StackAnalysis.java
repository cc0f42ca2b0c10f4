package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.Activations;
import io.ganpoet.processor.model.BlockSpec;
import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DenseBlockSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.StackSpec;
import io.ganpoet.processor.model.TensorShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Validates a {@link StackSpec} in one pass: the input sizes, every block's values and name, the
 * tensor shapes block by block (each within {@link Limits}), and which image rows and columns the
 * stack reads. Produces the network's layers and every problem found. Pure: no javac, no I/O.
 *
 * <p>Value problems are all reported; the shape walk stops at the first block whose shape cannot
 * be computed, since every later shape depends on it.
 */
public final class StackAnalysis {

    /**
     * Field names generated blocks declare themselves; a layer (or its derived {@code Norm} /
     * mirror field) cannot take them.
     */
    public static final Set<String> RESERVED_FIELDS = Set.of("VERSION", "LAYERS", "INPUT_SHAPE", "OUTPUT_SHAPE");

    /**
     * The first segments of the packages generated code names types from. A field of one of these
     * names hides the package wherever JavaPoet writes a type by its qualified name (which it does
     * when a layer shares the type's simple name), so {@code io.ganpoet...} would read the field.
     */
    public static final Set<String> PACKAGE_ROOTS = Set.of("ai", "io", "java", "javax");

    /** What the analysis found: the layers (when every shape is valid) and the problems. */
    public record Result(List<Layer> layers, List<Problem> problems) {
        public Result {
            layers = layers == null ? null : List.copyOf(layers);
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    private final StackSpec stack;
    private final String owner;
    private final List<String> derivedSuffixes;
    private final List<Problem> problems = new ArrayList<>();

    private StackAnalysis(StackSpec stack, String owner, List<String> derivedSuffixes) {
        this.stack = stack;
        this.owner = owner;
        this.derivedSuffixes = derivedSuffixes;
    }

    /**
     * Analyses a stack.
     *
     * @param owner the spec's name, for messages about the stack as a whole
     * @param mirrorSuffix the suffix of mirrored layer names, which must stay unique too
     */
    public static Result analyse(StackSpec stack, String owner, String mirrorSuffix) {
        List<String> suffixes = List.of("", "Norm", mirrorSuffix, mirrorSuffix + "Norm");
        return new StackAnalysis(stack, owner, suffixes).run();
    }

    private Result run() {
        boolean inputValid = checkInput();
        checkNames();
        if (stack.blocks().isEmpty()) {
            problems.add(
                    Problem.error(
                            Location.type(),
                            owner + " declares no @ConvBlock or @DenseBlock; a network needs at least one block"));
            return new Result(null, problems);
        }
        if (stack.blocks().size() > Limits.MAX_BLOCKS) {
            problems.add(
                    Problem.error(
                            Location.type(),
                            owner + " declares " + stack.blocks().size() + " blocks; at most " + Limits.MAX_BLOCKS
                                    + " are supported"));
            return new Result(null, problems);
        }
        boolean valuesValid = inputValid;
        for (BlockSpec block : stack.blocks()) {
            valuesValid &= block.accept(values);
        }
        if (!valuesValid) {
            return new Result(null, problems);
        }
        List<Layer> layers = new ArrayList<>();
        List<ReceptiveField.Stage> rows = new ArrayList<>();
        List<ReceptiveField.Stage> columns = new ArrayList<>();
        List<Location> stageAt = new ArrayList<>();
        List<String> stageText = new ArrayList<>();
        TensorShape shape = stack.inputShape();
        for (BlockSpec block : stack.blocks()) {
            Layer layer =
                    block instanceof ConvBlockSpec conv
                            ? convLayer(conv, shape, rows, columns, stageAt, stageText)
                            : denseLayer((DenseBlockSpec) block, shape);
            if (layer == null || !withinLimits(block, layer)) {
                return new Result(null, problems);
            }
            layers.add(layer);
            shape = layer.output();
        }
        warnOnUnreadImage(rows, columns, stageAt, stageText);
        return new Result(hasErrors() ? null : layers, problems);
    }

    private boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    // ---- values ----

    private boolean checkInput() {
        String[] what = {"channels", "height", "width"};
        boolean ok = true;
        for (int i = 0; i < 3; i++) {
            ok &= size(stack.inputAt().get(i), owner, what[i], stack.input()[i], 1);
        }
        if (ok && stack.inputShape().elements() > Limits.MAX_ELEMENTS) {
            problems.add(
                    Problem.error(
                            stack.inputAt().get(0),
                            owner + ": a " + stack.inputShape() + " input has " + stack.inputShape().elements()
                                    + " elements per sample; ganpoet supports at most " + Limits.MAX_ELEMENTS));
            return false;
        }
        return ok;
    }

    /** Checks {@code min ≤ value ≤ MAX_SIZE}; {@code min} is 0 or 1. */
    private boolean size(Location location, String who, String what, long value, int min) {
        if (value < min) {
            String hint = what.equals("maxPool") ? " (0 means no pooling)" : "";
            problems.add(
                    Problem.error(
                            location,
                            who + ": " + what + (min == 1 ? " must be positive" : " must not be negative")
                                    + ", got " + value + hint));
            return false;
        }
        Problem tooLarge = tooLargeProblem(location, who, what, value);
        if (tooLarge != null) {
            problems.add(tooLarge);
            return false;
        }
        return true;
    }

    /** The error for a size above {@link Limits#MAX_SIZE}, or {@code null} when it is within it. */
    public static Problem tooLargeProblem(Location location, String who, String what, long value) {
        return value > Limits.MAX_SIZE
                ? Problem.error(location, who + ": " + what + " " + value + " is too large; ganpoet supports at most "
                        + Limits.MAX_SIZE)
                : null;
    }

    private final BlockSpec.Visitor<Boolean> values =
            new BlockSpec.Visitor<>() {
                @Override
                public Boolean conv(ConvBlockSpec b) {
                    String n = b.name();
                    boolean ok = size(b.at("filters"), n, "filters", b.filters(), 1);
                    ok &= size(b.at("kernel"), n, "kernel", b.kernel(), 1);
                    ok &= size(b.at("stride"), n, "stride", b.stride(), 1);
                    ok &= size(b.at("padding"), n, "padding", b.padding(), 0);
                    ok &= size(b.at("dilation"), n, "dilation", b.dilation(), 1);
                    ok &= size(b.at("maxPool"), n, "maxPool", b.maxPool(), 0);
                    ok &= dropout(b.at("dropout"), n, b.dropout());
                    ok &= slope(b.at("leakySlope"), n, b.leakySlope());
                    if (b.bias() && b.batchNorm()) {
                        problems.add(redundantBias(b.at("bias"), n));
                    }
                    return ok;
                }

                @Override
                public Boolean dense(DenseBlockSpec b) {
                    String n = b.name();
                    boolean ok = size(b.at("units"), n, "units", b.units(), 1);
                    ok &= dropout(b.at("dropout"), n, b.dropout());
                    ok &= slope(b.at("leakySlope"), n, b.leakySlope());
                    if (b.bias() && b.batchNorm()) {
                        problems.add(redundantBias(b.at("bias"), n));
                    }
                    return ok;
                }
            };

    private static Problem redundantBias(Location location, String name) {
        return Problem.warning(
                location,
                name + ": the bias is redundant before batch norm, which subtracts the mean; set bias = false");
    }

    private boolean dropout(Location location, String block, float rate) {
        if (rate >= 0f && rate < 1f) {
            return true;
        }
        problems.add(
                Problem.error(
                        location,
                        block + ": dropout must be in [0, 1), got " + Activations.formatFloat(rate)
                                + " (it is the fraction of activations dropped)"));
        return false;
    }

    /** A slope must be a finite number; generated code writes it as a float literal. */
    public static Problem slopeProblem(Location location, String who, float slope) {
        if (Float.isFinite(slope)) {
            return null;
        }
        return Problem.error(
                location, who + ": leakySlope must be a finite number, got " + Activations.formatFloat(slope));
    }

    private boolean slope(Location location, String block, float slope) {
        Problem problem = slopeProblem(location, block, slope);
        if (problem != null) {
            problems.add(problem);
        }
        return problem == null;
    }

    // ---- names ----

    private void checkNames() {
        Map<String, String> taken = new HashMap<>();
        for (BlockSpec block : stack.blocks()) {
            checkName(block, taken);
        }
    }

    private void checkName(BlockSpec block, Map<String, String> taken) {
        String name = block.name();
        Location location = block.at("name");
        String what = block.describe();
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
            problems.add(
                    Problem.error(
                            location,
                            what + ": name '" + name + "' is not a Java identifier; generated code uses it as a"
                                    + " field name"));
            return;
        }
        if (name.length() > Limits.MAX_NAME) {
            problems.add(
                    Problem.error(
                            location,
                            what + ": name '" + name.substring(0, 16) + "…' is " + name.length()
                                    + " characters long; at most " + Limits.MAX_NAME));
            return;
        }
        if (PACKAGE_ROOTS.contains(name)) {
            problems.add(
                    Problem.error(
                            location,
                            what + ": name '" + name + "' would hide the package '" + name + "' that generated code"
                                    + " names types from (a field and a package's first name share Java's namespace);"
                                    + " choose another name"));
            return;
        }
        // Batch norms become "<name>Norm" and mirrored layers "<name>Mirror"; keep those unique.
        for (String suffix : derivedSuffixes) {
            String derived = name + suffix;
            if (RESERVED_FIELDS.contains(derived)) {
                problems.add(
                        Problem.error(
                                location,
                                what + ": name '" + name + "' would declare the field '" + derived
                                        + "', which generated blocks use for their own constant; choose another"
                                        + " name"));
                return;
            }
            String previous = taken.putIfAbsent(derived, what);
            if (previous != null) {
                problems.add(
                        Problem.error(
                                location,
                                what + ": name '" + name + "' clashes with " + previous + " (generated field '"
                                        + derived + "'); give one of them another name"));
                return;
            }
        }
    }

    // ---- shapes ----

    /** The conv block's layer, or {@code null} after reporting why its shape cannot be computed. */
    private Layer convLayer(
            ConvBlockSpec b,
            TensorShape in,
            List<ReceptiveField.Stage> rows,
            List<ReceptiveField.Stage> columns,
            List<Location> stageAt,
            List<String> stageText) {
        if (!in.isMap()) {
            problems.add(Problem.error(b.at(null), b.name() + ": a conv block cannot follow a dense block"));
            return null;
        }
        if (!fits(b, in)) {
            return null;
        }
        long padded = Math.max(in.height(), in.width()) + 2L * b.padding();
        if (b.stride() > padded) {
            problems.add(
                    Problem.error(
                            b.at("stride"),
                            b.name() + ": stride " + b.stride() + " is larger than the padded " + in.spatial()
                                    + " input; any stride above " + padded + " gives the same single window, so use"
                                    + " stride ≤ " + padded));
            return null;
        }
        Op.Conv conv = new Op.Conv(b.filters(), b.kernel(), b.stride(), b.padding(), b.dilation(), b.bias(), b.spectralNorm());
        TensorShape convOut = conv.output(in);
        ReceptiveField.Stage convRows =
                new ReceptiveField.Stage(
                        b.kernel(), b.stride(), b.padding(), b.dilation(), (int) in.height(), (int) convOut.height());
        ReceptiveField.Stage convColumns =
                new ReceptiveField.Stage(
                        b.kernel(), b.stride(), b.padding(), b.dilation(), (int) in.width(), (int) convOut.width());
        if (!ReceptiveField.readsInput(convRows) || !ReceptiveField.readsInput(convColumns)) {
            problems.add(
                    Problem.error(
                            b.at("padding"),
                            b.name() + ": every window of " + geometry(b) + " on the " + in.spatial()
                                    + " input reads only padding, so the block's output does not depend on its"
                                    + " input; use a smaller padding or stride"));
            return null;
        }
        rows.add(convRows);
        columns.add(convColumns);
        stageAt.add(b.at("stride"));
        stageText.add(geometry(b));
        List<Op> ops = new ArrayList<>();
        ops.add(conv);
        if (b.batchNorm()) {
            ops.add(new Op.BatchNorm());
        }
        ops.add(new Op.Activate(b.activation(), b.leakySlope()));
        if (b.maxPool() > 0) {
            int window = b.maxPool();
            if (window > convOut.height() || window > convOut.width()) {
                problems.add(
                        Problem.error(
                                b.at("maxPool"),
                                b.name() + ": max pool window " + window + " is larger than its " + convOut.spatial()
                                        + " input; use maxPool = " + Math.min(convOut.height(), convOut.width())
                                        + " or less, or 0 for none"));
                return null;
            }
            Op.MaxPool pool = new Op.MaxPool(window);
            TensorShape pooled = pool.output(convOut);
            rows.add(new ReceptiveField.Stage(window, window, 0, 1, (int) convOut.height(), (int) pooled.height()));
            columns.add(new ReceptiveField.Stage(window, window, 0, 1, (int) convOut.width(), (int) pooled.width()));
            stageAt.add(b.at("maxPool"));
            stageText.add("its max pool " + window + " on the " + convOut.spatial() + " map");
            ops.add(pool);
        }
        if (b.dropout() > 0f) {
            ops.add(new Op.Dropout(b.dropout()));
        }
        return new Layer(b.name(), "", b.at(null), in, ops);
    }

    private static String geometry(ConvBlockSpec b) {
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
        String kernel =
                b.dilation() == 1
                        ? "kernel " + b.kernel()
                        : "kernel " + b.kernel() + " (dilation " + b.dilation() + ", spanning " + span + ")";
        long smallest = Math.min(in.height(), in.width());
        long maxKernel = (smallest + 2L * b.padding() - 1) / b.dilation() + 1;
        long minPadding = (span - smallest + 1) / 2;
        String fix =
                maxKernel >= 1
                        ? "; use kernel ≤ " + maxKernel + " or padding ≥ " + minPadding
                        : "; use padding ≥ " + minPadding;
        problems.add(
                Problem.error(
                        b.at("kernel"),
                        b.name() + ": " + kernel + " does not fit the " + in.spatial() + " input (padding "
                                + b.padding() + ")" + fix));
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
        Problem problem = limitProblem(layer, block.name());
        if (problem != null) {
            problems.add(problem);
        }
        return problem == null;
    }

    /**
     * An error when one of the layer's tensors or its parameters exceeds {@link Limits#MAX_ELEMENTS},
     * or its counts overflow; {@code null} when the layer is within limits.
     */
    public static Problem limitProblem(Layer layer, String who) {
        try {
            List<TensorShape> shapes = layer.shapes();
            for (TensorShape shape : shapes) {
                long elements = 1;
                for (long d : shape.dims()) {
                    elements = Math.multiplyExact(elements, d);
                }
                if (elements > Limits.MAX_ELEMENTS) {
                    return Problem.error(
                            layer.at(),
                            who + ": the " + shape + " tensor has " + elements
                                    + " elements per sample; ganpoet supports at most " + Limits.MAX_ELEMENTS);
                }
            }
            long parameters = layer.parameters();
            if (parameters > Limits.MAX_ELEMENTS) {
                return Problem.error(
                        layer.at(),
                        who + ": " + parameters + " parameters in one layer; ganpoet supports at most "
                                + Limits.MAX_ELEMENTS);
            }
            layer.multiplyAdds();
            return null;
        } catch (ArithmeticException e) {
            return Problem.error(layer.at(), who + ": the layer's sizes overflow a long; make it smaller");
        }
    }

    // ---- receptive field ----

    /**
     * Warns on each stage that leaves image rows or columns unread which every earlier stage still
     * read: the first place the discriminator stops looking at them.
     */
    private void warnOnUnreadImage(
            List<ReceptiveField.Stage> rows,
            List<ReceptiveField.Stage> columns,
            List<Location> stageAt,
            List<String> stageText) {
        int last = rows.size() - 1;
        if (last < 0 || (ReceptiveField.unread(rows, last) == 0 && ReceptiveField.unread(columns, last) == 0)) {
            return;
        }
        long height = stack.input()[1];
        long width = stack.input()[2];
        int unreadRows = 0;
        int unreadColumns = 0;
        for (int i = 0; i <= last; i++) {
            int r = ReceptiveField.unread(rows, i);
            int c = ReceptiveField.unread(columns, i);
            if (r == unreadRows && c == unreadColumns) {
                continue;
            }
            long pixels = height * width - (height - r) * (width - c);
            long before = height * width - (height - unreadRows) * (width - unreadColumns);
            String block = stageAt.get(i).target() == Location.Target.CONV_BLOCK ? name(stageAt.get(i)) : "";
            problems.add(
                    Problem.warning(
                            stageAt.get(i),
                            block + ": with " + stageText.get(i) + " the discriminator never reads "
                                    + (before > 0 ? "a further " + (pixels - before) + " image pixels: now " : "")
                                    + r + " of the image's " + height + " rows and " + c + " of its " + width
                                    + " columns (" + pixels + " of " + height * width + " pixels), which the"
                                    + " generator then paints without any feedback"));
            unreadRows = r;
            unreadColumns = c;
        }
    }

    private String name(Location location) {
        return stack.convBlocks().get(location.index()).name();
    }
}
