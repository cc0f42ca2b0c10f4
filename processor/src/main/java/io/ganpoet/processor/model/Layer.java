package io.ganpoet.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One row of a layer table: a named group of operations (a spec block, or the generator layer
 * mirroring one).
 *
 * @param name the layer name; the field of its main block, and {@code <name>Norm} for its batch norm
 * @param mirrors for generator layers, the discriminator block it mirrors; else {@code ""}
 * @param at the spec block the layer comes from (for a mirrored layer, the block it mirrors)
 * @param input the per-sample input shape
 * @param ops the operations in order
 */
public record Layer(String name, String mirrors, Location at, TensorShape input, List<Op> ops) {

    public Layer {
        ops = List.copyOf(ops);
    }

    /** Input shape of each op, then the layer's output: {@code ops().size() + 1} entries. */
    public List<TensorShape> shapes() {
        List<TensorShape> shapes = new ArrayList<>();
        TensorShape shape = input;
        shapes.add(shape);
        for (Op op : ops) {
            shape = op.output(shape);
            shapes.add(shape);
        }
        return shapes;
    }

    public TensorShape output() {
        List<TensorShape> shapes = shapes();
        return shapes.get(shapes.size() - 1);
    }

    public long parameters() {
        List<TensorShape> shapes = shapes();
        long total = 0;
        for (int i = 0; i < ops.size(); i++) {
            total = Math.addExact(total, ops.get(i).parameters(shapes.get(i)));
        }
        return total;
    }

    public long multiplyAdds() {
        List<TensorShape> shapes = shapes();
        long total = 0;
        for (int i = 0; i < ops.size(); i++) {
            total = Math.addExact(total, ops.get(i).multiplyAdds(shapes.get(i)));
        }
        return total;
    }

    public String describe() {
        return ops.stream().map(Op::describe).collect(Collectors.joining(", "));
    }
}
