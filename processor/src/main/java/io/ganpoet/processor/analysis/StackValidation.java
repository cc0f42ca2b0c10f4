package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.Activations;
import io.ganpoet.processor.model.BlockSpec;
import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DenseBlockSpec;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.StackSpec;
import java.util.List;

/**
 * The first stage of a stack's analysis: every value as written (input sizes, block count, each
 * block's sizes, rates and slopes), each problem on its attribute. It also says how far {@link
 * ShapePlan} can go: up to the first block whose shape-deciding values are invalid, so that a bad
 * dropout and a kernel that does not fit come out in the same compile. Pure.
 */
final class StackValidation {

    /**
     * What validation found.
     *
     * @param plannable how many leading blocks have valid shape-deciding values (0 when the input is
     *     invalid or the block list cannot be planned at all)
     */
    record Result(int plannable) {}

    private final StackSpec stack;
    private final String owner;
    private final List<Problem> problems;

    private StackValidation(StackSpec stack, String owner, List<Problem> problems) {
        this.stack = stack;
        this.owner = owner;
        this.problems = problems;
    }

    /** Validates {@code stack}, adding to {@code problems}; names are checked by {@link NameCheck}. */
    static Result validate(StackSpec stack, String owner, List<Problem> problems) {
        return new StackValidation(stack, owner, problems).run();
    }

    private Result run() {
        boolean inputValid = checkInput();
        if (stack.blocks().isEmpty()) {
            problems.add(Problem.error(
                    Location.type(),
                    owner + " declares no @ConvBlock or @DenseBlock; a network needs at least one block"));
            return new Result(0);
        }
        if (stack.blocks().size() > Limits.MAX_BLOCKS) {
            problems.add(Problem.error(
                    Location.type(),
                    owner + " declares " + stack.blocks().size() + " blocks; at most " + Limits.MAX_BLOCKS
                            + " are supported"));
            return new Result(0);
        }
        int plannable = inputValid ? -1 : 0;
        for (int i = 0; i < stack.blocks().size(); i++) {
            BlockSpec block = stack.blocks().get(i);
            boolean shapeValid = block.accept(shapeValues);
            dropout(block);
            slope(block);
            if (block.bias() && block.batchNorm()) {
                problems.add(redundantBias(block.at("bias"), block.name()));
            }
            if (!shapeValid && plannable < 0) {
                plannable = i;
            }
        }
        return new Result(plannable < 0 ? stack.blocks().size() : plannable);
    }

    private boolean checkInput() {
        String[] what = {"channels", "height", "width"};
        boolean ok = true;
        for (int i = 0; i < 3; i++) {
            ok &= size(stack.inputAt().get(i), owner, what[i], stack.input()[i], 1);
        }
        if (ok && stack.inputShape().elements() > Limits.MAX_ELEMENTS) {
            problems.add(Problem.error(
                    stack.inputAt().get(0),
                    owner + ": a " + stack.inputShape() + " input has "
                            + stack.inputShape().elements() + " elements per sample; ganpoet supports at most "
                            + Limits.MAX_ELEMENTS));
            return false;
        }
        return ok;
    }

    /** Checks {@code min ≤ value ≤ MAX_SIZE}; {@code min} is 0 or 1. */
    private boolean size(Location location, String who, String what, long value, int min) {
        if (value < min) {
            String hint = what.equals("maxPool") ? " (0 means no pooling)" : "";
            problems.add(Problem.error(
                    location,
                    who + ": " + what + (min == 1 ? " must be positive" : " must not be negative") + ", got " + value
                            + hint));
            return false;
        }
        Problem tooLarge = Checks.tooLarge(location, who, what, value);
        if (tooLarge != null) {
            problems.add(tooLarge);
            return false;
        }
        return true;
    }

    /** The values that decide a block's shapes; {@code false} when one is invalid. */
    private final BlockSpec.Visitor<Boolean> shapeValues = new BlockSpec.Visitor<>() {
        @Override
        public Boolean conv(ConvBlockSpec b) {
            String n = b.name();
            boolean ok = size(b.at("filters"), n, "filters", b.filters(), 1);
            ok &= size(b.at("kernel"), n, "kernel", b.kernel(), 1);
            ok &= size(b.at("stride"), n, "stride", b.stride(), 1);
            ok &= size(b.at("padding"), n, "padding", b.padding(), 0);
            ok &= size(b.at("dilation"), n, "dilation", b.dilation(), 1);
            ok &= size(b.at("maxPool"), n, "maxPool", b.maxPool(), 0);
            return ok;
        }

        @Override
        public Boolean dense(DenseBlockSpec b) {
            return size(b.at("units"), b.name(), "units", b.units(), 1);
        }
    };

    private static Problem redundantBias(Location location, String name) {
        return Problem.warning(
                location,
                name + ": the bias is redundant before batch norm, which subtracts the mean; set bias = false");
    }

    private void dropout(BlockSpec block) {
        float rate = block.dropout();
        if (rate >= 0f && rate < 1f) {
            return;
        }
        problems.add(Problem.error(
                block.at("dropout"),
                block.name() + ": dropout must be in [0, 1), got " + Activations.formatFloat(rate)
                        + " (it is the fraction of activations dropped)"));
    }

    private void slope(BlockSpec block) {
        Problem problem = Checks.slope(block.at("leakySlope"), block.name(), block.leakySlope());
        if (problem != null) {
            problems.add(problem);
        }
    }
}
