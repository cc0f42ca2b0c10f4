package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.StackSpec;
import java.util.List;

/**
 * A stack's analysis in its two stages: {@link StackValidation} (every value as written) and then
 * {@link ShapePlan} (shapes, limits, receptive field) over every block it can plan, so a spec's
 * value errors and shape errors come out in the same compile. Pure: no javac, no I/O.
 */
final class StackAnalysis {

    private StackAnalysis() {}

    /**
     * Analyses a stack, adding its problems to {@code problems}.
     *
     * @param owner the spec's name, for messages about the stack as a whole
     * @return the layers, or {@code null} when a value or a shape is invalid
     */
    static List<Layer> analyse(StackSpec stack, String owner, List<Problem> problems) {
        int before = problems.size();
        StackValidation.Result values = StackValidation.validate(stack, owner, problems);
        boolean valuesValid = problems.subList(before, problems.size()).stream().noneMatch(Problem::isError);
        List<Layer> layers = ShapePlan.plan(stack, values.plannable(), problems);
        return valuesValid ? layers : null;
    }
}
