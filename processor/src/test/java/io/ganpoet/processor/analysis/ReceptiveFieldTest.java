package io.ganpoet.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganpoet.processor.analysis.ReceptiveField.Stage;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-axis receptive field against a brute-force count of every window's taps. */
class ReceptiveFieldTest {

    private static boolean[] all(int n) {
        boolean[] flags = new boolean[n];
        Arrays.fill(flags, true);
        return flags;
    }

    @Test
    void strideFourWithKernelOneReadsEveryFourthRow() {
        Stage stage = new Stage(1, 4, 0, 1, 9, 3);
        boolean[] read = ReceptiveField.read(stage, all(3));
        assertArrayEquals(new boolean[] {true, false, false, false, true, false, false, false, true}, read);
        assertEquals(6, ReceptiveField.unread(List.of(stage), 0));
    }

    @Test
    void unreadTrailingPaddingIsNotAnUnreadRow() {
        // 8 rows, k3 s2 p1: 4 windows over padded rows 0..8 read image rows 0..7; padded row 9 is unread.
        Stage stage = new Stage(3, 2, 1, 1, 8, 4);
        assertEquals(0, ReceptiveField.unread(List.of(stage), 0));
    }

    @Test
    void aWindowOverPaddingOnlyReadsNothing() {
        assertFalse(ReceptiveField.readsInput(new Stage(1, 2, 1, 1, 1, 2)));
        assertTrue(ReceptiveField.readsInput(new Stage(3, 2, 1, 1, 1, 1)));
    }

    @Test
    void matchesBruteForceOnRandomStacks() {
        Random random = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            int size = 1 + random.nextInt(30);
            int kernel = 1 + random.nextInt(5);
            int stride = 1 + random.nextInt(4);
            int padding = random.nextInt(3);
            int dilation = 1 + random.nextInt(3);
            long out = Math.floorDiv(size + 2L * padding - (long) dilation * (kernel - 1) - 1, stride) + 1;
            if (out < 1) {
                continue;
            }
            boolean[] used = new boolean[(int) out];
            for (int o = 0; o < used.length; o++) {
                used[o] = random.nextInt(3) != 0;
            }
            boolean[] expected = new boolean[size];
            for (int o = 0; o < used.length; o++) {
                for (int t = 0; used[o] && t < kernel; t++) {
                    int i = o * stride - padding + t * dilation;
                    if (i >= 0 && i < size) {
                        expected[i] = true;
                    }
                }
            }
            Stage stage = new Stage(kernel, stride, padding, dilation, size, (int) out);
            assertArrayEquals(expected, ReceptiveField.read(stage, used), stage.toString());
        }
    }
}
