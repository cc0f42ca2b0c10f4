package io.ganpoet.processor.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * Which input positions a stack of sliding windows reads, along one axis. A stage is a
 * convolution (kernel, stride, padding, dilation) or a max pool (window = stride, no padding);
 * position {@code o} of a stage's output reads the input positions {@code o·s − p + t·d} for
 * {@code t < k}. Positions outside the input are padding and read nothing of the image.
 *
 * <p>Pure and linear in the sizes: one difference array per stage, summed along each residue
 * class modulo the dilation.
 */
public final class ReceptiveField {

    /** One sliding-window stage along one axis. */
    public record Stage(int kernel, int stride, int padding, int dilation, int inSize, int outSize) {}

    private ReceptiveField() {}

    /**
     * The input positions a stage reads when its outputs marked in {@code used} are read later.
     *
     * @return one flag per input position
     */
    public static boolean[] read(Stage stage, boolean[] used) {
        int padded = stage.inSize() + 2 * stage.padding();
        int span = stage.dilation() * stage.kernel();
        int[] diff = new int[padded + span + 1];
        for (int o = 0; o < used.length; o++) {
            if (used[o]) {
                int start = o * stage.stride();
                diff[start]++;
                diff[start + span]--;
            }
        }
        // cover[q] = number of used windows whose taps include padded position q.
        int[] cover = new int[padded];
        for (int q = 0; q < padded; q++) {
            cover[q] = diff[q] + (q >= stage.dilation() ? cover[q - stage.dilation()] : 0);
        }
        boolean[] read = new boolean[stage.inSize()];
        for (int i = 0; i < read.length; i++) {
            read[i] = cover[i + stage.padding()] > 0;
        }
        return read;
    }

    /** Whether the stage reads at least one input position (else every window sees only padding). */
    public static boolean readsInput(Stage stage) {
        return count(read(stage, all(stage.outSize()))) > 0;
    }

    /**
     * How many input positions of {@code stages.get(0)} are never read by {@code stages[0..last]},
     * all outputs of stage {@code last} being read.
     */
    public static int unread(List<Stage> stages, int last) {
        boolean[] used = all(stages.get(last).outSize());
        for (int i = last; i >= 0; i--) {
            used = read(stages.get(i), used);
        }
        return used.length - count(used);
    }

    private static boolean[] all(int size) {
        boolean[] flags = new boolean[size];
        Arrays.fill(flags, true);
        return flags;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean flag : flags) {
            if (flag) {
                n++;
            }
        }
        return n;
    }
}
