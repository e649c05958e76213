package io.lintel.core.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** How an operator command prints: a table (or text) for people, JSON or YAML for scripts. */
enum OutputFormat {
    TABLE, JSON, YAML;

    private static final JsonMapper COMPACT = JsonMapper.builder().build();
    private static final JsonMapper JSON_WRITER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * Prints {@code document} (maps, lists, strings, numbers, booleans, null) as JSON or YAML.
     *
     * @throws IllegalStateException for {@link #TABLE}, which each command renders itself
     */
    void print(Object document, PrintWriter out) {
        switch (this) {
            case JSON -> out.println(JSON_WRITER.writeValueAsString(document));
            case YAML -> out.print(new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
                    .dumpToString(document));
            case TABLE -> throw new IllegalStateException("a table is rendered by its command");
        }
        out.flush();
    }

    /** {@code value} as one line of JSON, for a filter spec in a description. */
    static String compactJson(Object value) {
        return COMPACT.writeValueAsString(value);
    }

    /**
     * Reads {@code table}, {@code json} or {@code yaml} in any case.
     *
     * @throws IllegalArgumentException naming the value and those expected
     */
    static OutputFormat parse(String value) {
        try {
            return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' (expected: table, json or yaml)");
        }
    }
}
