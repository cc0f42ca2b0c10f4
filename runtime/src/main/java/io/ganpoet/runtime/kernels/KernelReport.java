package io.ganpoet.runtime.kernels;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;

/** Which layer of a network runs each convolution signature on which kernel. */
public final class KernelReport {

    /**
     * One layer's verdict.
     *
     * @param layer the layer's path in the block tree, e.g. {@code generator.deconv1}
     * @param verdict the verdict
     */
    public record LayerVerdict(String layer, KernelVerdict verdict) {

        /**
         * One line: the layer, then the verdict's line.
         *
         * @return the line
         */
        public String line() {
            return layer + ": " + verdict.line();
        }
    }

    private KernelReport() {}

    /**
     * Every verdict the convolution blocks under {@code root} have used, in the tree's order.
     *
     * @param name the root's name in the lines, e.g. {@code generator}
     * @param root the network
     * @return the layers' verdicts
     */
    public static List<LayerVerdict> of(String name, Block root) {
        List<LayerVerdict> found = new ArrayList<>();
        walk(name, root, found);
        return found;
    }

    /** The name the block was added with: DJL prefixes each child's with its position, {@code 01}, {@code 02}, .... */
    private static String childName(String key, int ordinal) {
        String prefix = String.format(java.util.Locale.ROOT, "%02d", ordinal);
        return key.startsWith(prefix) && key.length() > prefix.length() ? key.substring(prefix.length()) : key;
    }

    private static void walk(String path, Block block, List<LayerVerdict> found) {
        if (block instanceof KernelCheckedBlock checked) {
            for (KernelVerdict verdict : checked.kernelVerdicts()) {
                found.add(new LayerVerdict(path, verdict));
            }
        }
        int ordinal = 0;
        for (var child : block.getChildren()) {
            walk(path + "." + childName(child.getKey(), ++ordinal), child.getValue(), found);
        }
    }
}
