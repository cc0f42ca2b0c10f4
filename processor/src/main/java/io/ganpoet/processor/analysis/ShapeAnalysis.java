package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.Act;
import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DenseBlockSpec;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.TensorShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.SourceVersion;

/**
 * Checks a spec's values and walks its tensor shapes block by block, producing the discriminator's
 * layer table and every problem found. Pure: no javac, no I/O.
 *
 * <p>Value problems (a non-positive size, a bad name) are all reported; the shape walk stops at
 * the first block whose shape cannot be computed, since every later shape depends on it.
 */
public final class ShapeAnalysis {

    /** What the analysis found: the discriminator (when its shapes are valid) and the problems. */
    public record Result(Network discriminator, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    private final DiscriminatorSpec spec;
    private final List<Problem> problems = new ArrayList<>();

    private ShapeAnalysis(DiscriminatorSpec spec) {
        this.spec = spec;
    }

    /** Analyses a spec. */
    public static Result analyse(DiscriminatorSpec spec) {
        return new ShapeAnalysis(spec).run();
    }

    private Result run() {
        boolean imageValid = checkImage();
        checkNames();
        boolean[] convValid = new boolean[spec.convBlocks().size()];
        for (ConvBlockSpec block : spec.convBlocks()) {
            convValid[block.index()] = checkValues(block);
        }
        boolean[] denseValid = new boolean[spec.denseBlocks().size()];
        for (DenseBlockSpec block : spec.denseBlocks()) {
            denseValid[block.index()] = checkValues(block);
        }
        if (spec.convBlocks().isEmpty() && spec.denseBlocks().isEmpty()) {
            problems.add(
                    Problem.error(
                            Location.type(),
                            spec.interfaceName()
                                    + " declares no @ConvBlock or @DenseBlock; a discriminator needs at"
                                    + " least one block"));
            return new Result(null, problems);
        }
        checkLastActivation();
        if (!imageValid) {
            return new Result(null, problems);
        }

        List<Layer> layers = new ArrayList<>();
        TensorShape shape = spec.imageShape();
        for (ConvBlockSpec block : spec.convBlocks()) {
            if (!convValid[block.index()]) {
                return new Result(null, problems);
            }
            Layer layer = convLayer(block, shape);
            if (layer == null) {
                return new Result(null, problems);
            }
            layers.add(layer);
            shape = layer.output();
        }
        for (DenseBlockSpec block : spec.denseBlocks()) {
            if (!denseValid[block.index()]) {
                return new Result(null, problems);
            }
            Layer layer = denseLayer(block, shape);
            layers.add(layer);
            shape = layer.output();
        }
        boolean errors = problems.stream().anyMatch(Problem::isError);
        Network network =
                errors
                        ? null
                        : new Network(
                                spec.discriminatorClassName(), "discriminator", spec.imageShape(), layers);
        return new Result(network, problems);
    }

    private boolean checkImage() {
        boolean ok = positive(Location.discriminator("channels"), "channels", spec.channels());
        ok &= positive(Location.discriminator("height"), "height", spec.height());
        ok &= positive(Location.discriminator("width"), "width", spec.width());
        positive(Location.discriminator("latent"), "latent", spec.latent());
        return ok;
    }

    private boolean positive(Location location, String what, long value) {
        if (value > 0) {
            return true;
        }
        problems.add(
                Problem.error(
                        location,
                        spec.interfaceName() + ": " + what + " must be positive, got " + value));
        return false;
    }

    private void checkNames() {
        Map<String, String> taken = new HashMap<>();
        for (ConvBlockSpec block : spec.convBlocks()) {
            checkName(block.name(), block.at("name"), taken, "conv block " + (block.index() + 1));
        }
        for (DenseBlockSpec block : spec.denseBlocks()) {
            checkName(block.name(), block.at("name"), taken, "dense block " + (block.index() + 1));
        }
        String generatorName = spec.generator().name();
        if (!generatorName.isEmpty() && !SourceVersion.isName(generatorName)) {
            problems.add(
                    Problem.error(
                            Location.generator("name"),
                            "generator name '" + generatorName + "' is not a Java class name"));
        }
    }

    private void checkName(String name, Location location, Map<String, String> taken, String what) {
        if (!SourceVersion.isName(name) || name.contains(".")) {
            problems.add(
                    Problem.error(
                            location,
                            what
                                    + ": name '"
                                    + name
                                    + "' is not a Java identifier; generated code uses it as a field"
                                    + " name"));
            return;
        }
        // Batch norms become "<name>Norm" and generator layers "<name>Mirror"; keep those unique.
        for (String derived : List.of(name, name + "Norm", name + "Mirror", name + "MirrorNorm")) {
            String previous = taken.putIfAbsent(derived, what);
            if (previous != null) {
                problems.add(
                        Problem.error(
                                location,
                                what
                                        + ": name '"
                                        + name
                                        + "' clashes with "
                                        + previous
                                        + " (generated field '"
                                        + derived
                                        + "'); give one of them another name"));
                return;
            }
        }
    }

    private boolean checkValues(ConvBlockSpec b) {
        String n = b.name();
        boolean ok = positive(b.at("filters"), n, "filters", b.filters());
        ok &= positive(b.at("kernel"), n, "kernel", b.kernel());
        ok &= positive(b.at("stride"), n, "stride", b.stride());
        ok &= positive(b.at("dilation"), n, "dilation", b.dilation());
        ok &= notNegative(b.at("padding"), n, "padding", b.padding());
        ok &= notNegative(b.at("maxPool"), n, "maxPool", b.maxPool());
        ok &= dropout(b.at("dropout"), n, b.dropout());
        if (b.bias() && b.batchNorm()) {
            problems.add(redundantBias(b.at("bias"), n));
        }
        return ok;
    }

    private boolean checkValues(DenseBlockSpec b) {
        String n = b.name();
        boolean ok = positive(b.at("units"), n, "units", b.units());
        ok &= dropout(b.at("dropout"), n, b.dropout());
        if (b.bias() && b.batchNorm()) {
            problems.add(redundantBias(b.at("bias"), n));
        }
        return ok;
    }

    private static Problem redundantBias(Location location, String name) {
        return Problem.warning(
                location,
                name
                        + ": the bias is redundant before batch norm, which subtracts the mean; set"
                        + " bias = false");
    }

    private boolean positive(Location location, String block, String what, int value) {
        if (value > 0) {
            return true;
        }
        problems.add(Problem.error(location, block + ": " + what + " must be positive, got " + value));
        return false;
    }

    private boolean notNegative(Location location, String block, String what, int value) {
        if (value >= 0) {
            return true;
        }
        String hint = what.equals("maxPool") ? " (0 means no pooling)" : "";
        problems.add(
                Problem.error(
                        location, block + ": " + what + " must not be negative, got " + value + hint));
        return false;
    }

    private boolean dropout(Location location, String block, float rate) {
        if (rate >= 0f && rate < 1f) {
            return true;
        }
        problems.add(
                Problem.error(
                        location,
                        block
                                + ": dropout must be in [0, 1), got "
                                + Act.formatFloat(rate)
                                + " (it is the fraction of activations dropped)"));
        return false;
    }

    private void checkLastActivation() {
        Act last;
        Location location;
        String name;
        if (!spec.denseBlocks().isEmpty()) {
            DenseBlockSpec b = spec.denseBlocks().get(spec.denseBlocks().size() - 1);
            last = b.activation();
            location = b.at("activation");
            name = b.name();
        } else if (!spec.convBlocks().isEmpty()) {
            ConvBlockSpec b = spec.convBlocks().get(spec.convBlocks().size() - 1);
            last = b.activation();
            location = b.at("activation");
            name = b.name();
        } else {
            return;
        }
        if (last != Act.SIGMOID && last != Act.NONE) {
            problems.add(
                    Problem.warning(
                            location,
                            name
                                    + ": the discriminator's last activation is "
                                    + last
                                    + "; GAN losses read SIGMOID (a probability) or NONE (a logit or"
                                    + " critic score)"));
        }
    }

    /** The conv block's layer, or {@code null} after reporting why its shape cannot be computed. */
    private Layer convLayer(ConvBlockSpec b, TensorShape in) {
        if (!fits(b, in)) {
            return null;
        }
        warnUnreadRows(b, in);
        List<Op> ops = new ArrayList<>();
        Op.Conv conv =
                new Op.Conv(
                        b.filters(),
                        b.kernel(),
                        b.stride(),
                        b.padding(),
                        b.dilation(),
                        b.bias(),
                        b.spectralNorm());
        ops.add(conv);
        TensorShape convOut = conv.output(in);
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
                                b.name()
                                        + ": max pool window "
                                        + window
                                        + " is larger than its "
                                        + convOut.spatial()
                                        + " input; use maxPool = "
                                        + Math.min(convOut.height(), convOut.width())
                                        + " or less, or 0 for none"));
                return null;
            }
            if (convOut.height() % window != 0 || convOut.width() % window != 0) {
                problems.add(
                        Problem.warning(
                                b.at("maxPool"),
                                b.name()
                                        + ": max pool "
                                        + window
                                        + " drops the last "
                                        + dropped(convOut, window)
                                        + " of the "
                                        + convOut.spatial()
                                        + " map; the generator upsamples back to "
                                        + convOut.spatial()
                                        + " exactly"));
            }
            ops.add(new Op.MaxPool(window));
        }
        if (b.dropout() > 0f) {
            ops.add(new Op.Dropout(b.dropout()));
        }
        return new Layer(b.name(), "", in, ops);
    }

    private static String dropped(TensorShape map, int window) {
        long rows = map.height() % window;
        long cols = map.width() % window;
        if (rows == cols) {
            return rows + " row(s) and column(s)";
        }
        return rows + " row(s) and " + cols + " column(s)";
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
                        b.name()
                                + ": "
                                + kernel
                                + " does not fit the "
                                + in.spatial()
                                + " input (padding "
                                + b.padding()
                                + ")"
                                + fix));
        return false;
    }

    private void warnUnreadRows(ConvBlockSpec b, TensorShape in) {
        long reach = (long) b.dilation() * (b.kernel() - 1) + 1;
        long leftH = (in.height() + 2L * b.padding() - reach) % b.stride();
        long leftW = (in.width() + 2L * b.padding() - reach) % b.stride();
        if (leftH == 0 && leftW == 0) {
            return;
        }
        String which =
                leftH == leftW
                        ? leftH + " row(s) and column(s)"
                        : leftH + " row(s) and " + leftW + " column(s)";
        problems.add(
                Problem.warning(
                        b.at("stride"),
                        b.name()
                                + ": stride "
                                + b.stride()
                                + " leaves the last "
                                + which
                                + " of the padded "
                                + in.spatial()
                                + " input unread ((in + 2·"
                                + b.padding()
                                + " − "
                                + reach
                                + ") mod "
                                + b.stride()
                                + " ≠ 0); the generator re-grows them with output padding"));
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
        return new Layer(b.name(), "", in, ops);
    }
}
