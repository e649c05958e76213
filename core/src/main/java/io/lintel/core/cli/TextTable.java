package io.lintel.core.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as {@code kubectl get} prints one: a header of upper-case column names, then one line per row, columns
 * padded to their widest cell and separated by three spaces; the last column is not padded. An empty cell prints
 * as {@code <none>}, so that columns stay readable with {@code awk}.
 */
final class TextTable {

    private static final String SEPARATOR = "   ";
    private static final String EMPTY = "<none>";

    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... columns) {
        this.columns = List.of(columns);
    }

    /** Adds a row of one cell per column. */
    TextTable row(String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for " + columns.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(cell == null || cell.isEmpty() ? EMPTY : cell.replace('\n', ' '));
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printLine(out, columns, widths);
        rows.forEach(row -> printLine(out, row, widths));
        out.flush();
    }

    private static void printLine(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length())).append(SEPARATOR);
            }
        }
        out.println(line);
    }
}
