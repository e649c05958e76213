package io.lintel.core.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows of {@code lintel get}, one map per object: the JSON/YAML output prints the maps, the table the same values,
 * one column per key (lists joined with commas), so the two outputs never disagree.
 *
 * @param columns the keys shown as columns, in order
 */
record Rows(List<String> columns, List<Map<String, Object>> rows) {

    Rows {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    void printTable(PrintWriter out) {
        TextTable table = new TextTable(columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toArray(String[]::new));
        for (Map<String, Object> row : rows) {
            table.row(columns.stream().map(column -> cell(row.get(column))).toArray(String[]::new));
        }
        table.print(out);
    }

    private static String cell(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return value == null ? "" : String.valueOf(value);
    }
}
