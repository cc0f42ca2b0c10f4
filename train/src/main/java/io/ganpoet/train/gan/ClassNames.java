package io.ganpoet.train.gan;

import java.util.ArrayList;
import java.util.List;

/** The names a conditional model's classes are shown under: the data's names, else {@code class k}. */
public final class ClassNames {

    private ClassNames() {}

    /**
     * One name per class: {@code known.get(k)} where the data names class k, else {@code class k}.
     *
     * @param classes the number of classes
     * @param known the data's class names (may be fewer than {@code classes}, or none)
     * @return the row names of a class grid
     */
    public static List<String> rowNames(int classes, List<String> known) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add(k < known.size() ? known.get(k) : "class " + k);
        }
        return names;
    }
}
