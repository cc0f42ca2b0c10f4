package io.ganpoet.pytorch;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mapping between a block's DJL parameter names and its PyTorch twin's state-dict keys, read from the block
 * tree itself (never by splitting names, which may hold underscores): a child block's key is its name without the
 * number DJL puts before it ({@code 02conv2Norm} → {@code conv2Norm}), joined with dots, and the parameter's own
 * name is PyTorch's where the two differ:
 *
 * <pre>
 * DJL                        PyTorch
 * conv1_weight               conv1.weight
 * conv2Norm_gamma            conv2Norm.weight
 * conv2Norm_beta             conv2Norm.bias
 * conv2Norm_runningMean      conv2Norm.running_mean
 * conv2Norm_runningVar       conv2Norm.running_var
 * heads_mean_weight          heads.mean.weight
 * conv1_u                    conv1.u        (a spectral-norm convolution's power-iteration vector, a buffer)
 * </pre>
 *
 * The order is the block's ({@code Block.getParameters()}), which is the twin's state-dict order without
 * PyTorch's {@code num_batches_tracked}.
 */
public final class StateDictNames {

    /** DJL parameter names PyTorch spells differently. */
    private static final Map<String, String> RENAMED =
            Map.of("gamma", "weight", "beta", "bias", "runningMean", "running_mean", "runningVar", "running_var");

    /**
     * One parameter under both names.
     *
     * @param djlName the name in {@code Block.getParameters()} and in ganpoet's checkpoints
     * @param torchKey the twin's state-dict key
     * @param parameter the parameter
     */
    public record Entry(String djlName, String torchKey, Parameter parameter) {}

    private StateDictNames() {}

    /**
     * Every parameter of a block, in the block's order.
     *
     * @param block the block (initialised or not)
     * @return the entries
     */
    public static List<Entry> of(Block block) {
        List<Entry> entries = new ArrayList<>();
        walk(block, "", "", entries);
        return entries;
    }

    private static void walk(Block block, String djlPrefix, String torchPrefix, List<Entry> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            String name = p.getKey();
            out.add(new Entry(djlPrefix + name, torchPrefix + RENAMED.getOrDefault(name, name), p.getValue()));
        }
        for (Pair<String, Block> child : block.getChildren()) {
            String name = child.getKey();
            walk(child.getValue(), djlPrefix + name + "_", torchPrefix + stripNumber(name) + ".", out);
        }
    }

    /** {@code 02conv2} → {@code conv2}: DJL numbers child blocks; Java names never start with a digit. */
    static String stripNumber(String childName) {
        int i = 0;
        while (i < childName.length() - 1 && Character.isDigit(childName.charAt(i))) {
            i++;
        }
        return childName.substring(i);
    }
}
