package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.StackSpec;
import io.ganpoet.processor.model.TensorShape;
import java.util.ArrayList;
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

    /** The stages of a stack as {@code ShapePlan} walks it, and the warnings they call for. */
    static final class Trace {
        private final List<Stage> rows = new ArrayList<>();
        private final List<Stage> columns = new ArrayList<>();
        private final List<Location> stageAt = new ArrayList<>();
        private final List<String> stageText = new ArrayList<>();

        /** Records a conv block's stage; {@code false} when some axis reads only padding (nothing recorded). */
        boolean convolution(ConvBlockSpec b, TensorShape in, TensorShape out) {
            Stage r =
                    new Stage(b.kernel(), b.stride(), b.padding(), b.dilation(), (int) in.height(), (int) out.height());
            Stage c = new Stage(b.kernel(), b.stride(), b.padding(), b.dilation(), (int) in.width(), (int) out.width());
            if (!readsInput(r) || !readsInput(c)) {
                return false;
            }
            add(r, c, b.at("stride"), ShapePlan.geometry(b));
            return true;
        }

        /** Records a conv block's max pool. */
        void pool(ConvBlockSpec b, int window, TensorShape in, TensorShape out) {
            add(
                    new Stage(window, window, 0, 1, (int) in.height(), (int) out.height()),
                    new Stage(window, window, 0, 1, (int) in.width(), (int) out.width()),
                    b.at("maxPool"),
                    "its max pool " + window + " on the " + in.spatial() + " map");
        }

        private void add(Stage r, Stage c, Location at, String text) {
            rows.add(r);
            columns.add(c);
            stageAt.add(at);
            stageText.add(text);
        }

        /**
         * Warns on each stage that leaves image rows or columns unread which every earlier stage still
         * read: the first place the discriminator stops looking at them.
         */
        void warnOnUnreadImage(StackSpec stack, List<Problem> problems) {
            int last = rows.size() - 1;
            if (last < 0 || (unread(rows, last) == 0 && unread(columns, last) == 0)) {
                return;
            }
            long height = stack.input()[1];
            long width = stack.input()[2];
            int unreadRows = 0;
            int unreadColumns = 0;
            for (int i = 0; i <= last; i++) {
                int r = unread(rows, i);
                int c = unread(columns, i);
                if (r == unreadRows && c == unreadColumns) {
                    continue;
                }
                long pixels = height * width - (height - r) * (width - c);
                long before = height * width - (height - unreadRows) * (width - unreadColumns);
                Location at = stageAt.get(i);
                String block = at.target() == Location.Target.CONV_BLOCK
                        ? stack.convBlocks().get(at.index()).name()
                        : "";
                problems.add(Problem.warning(
                        at,
                        block + ": with " + stageText.get(i) + " the discriminator never reads "
                                + (before > 0 ? "a further " + (pixels - before) + " image pixels: now " : "")
                                + r + " of the image's " + height + " rows and " + c + " of its " + width
                                + " columns (" + pixels + " of " + height * width + " pixels), which the"
                                + " generator then paints without any feedback"));
                unreadRows = r;
                unreadColumns = c;
            }
        }
    }
}
