package io.ganpoet.processor.writer;

import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Network;
import java.util.ArrayList;
import java.util.List;

/** Formats a network's compile-time layer table as fixed-width ASCII text. Pure. */
public final class LayerTable {

    private LayerTable() {}

    /** The table: a header, the input, one row per layer, and the totals. */
    public static String format(Network network) {
        List<String[]> rows = new ArrayList<>();
        boolean mirrored = network.layers().stream().anyMatch(l -> !l.mirrors().isEmpty());
        rows.add(
                mirrored
                        ? new String[] {"layer", "mirrors", "operations", "output", "parameters", "multiply-adds"}
                        : new String[] {"layer", "operations", "output", "parameters", "multiply-adds"});
        rows.add(
                mirrored
                        ? new String[] {"input", "", "", network.input().ascii(), "", ""}
                        : new String[] {"input", "", network.input().ascii(), "", ""});
        for (Layer layer : network.layers()) {
            String params = number(layer.parameters());
            String macs = number(layer.multiplyAdds());
            rows.add(
                    mirrored
                            ? new String[] {
                                layer.name(),
                                layer.mirrors(),
                                layer.describe(),
                                layer.output().ascii(),
                                params,
                                macs
                            }
                            : new String[] {
                                layer.name(), layer.describe(), layer.output().ascii(), params, macs
                            });
        }
        String totalParams = number(network.parameters());
        String totalMacs = number(network.multiplyAdds());
        rows.add(
                mirrored
                        ? new String[] {"total", "", "", "", totalParams, totalMacs}
                        : new String[] {"total", "", "", totalParams, totalMacs});

        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                boolean numeric = c >= columns - 2;
                String cell = row[c];
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(numeric ? pad + cell : cell + pad);
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** {@code 2765568} → {@code 2,765,568}. */
    static String number(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder grouped = new StringBuilder(value < 0 ? "-" : "");
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(digits.charAt(i));
        }
        return grouped.toString();
    }
}
