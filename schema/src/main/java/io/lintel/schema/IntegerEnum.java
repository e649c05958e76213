package io.lintel.schema;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** An integer that must be one of the listed values (an OpenAPI {@code enum} of integers). */
public record IntegerEnum(List<Long> values) implements Schema {

    public IntegerEnum {
        values = List.copyOf(values);
    }

    public static IntegerEnum integerOneOf(long... values) {
        return new IntegerEnum(Arrays.stream(values).boxed().toList());
    }

    @Override
    public void check(Object value, String path, Violations out) {
        if (!(value instanceof Integer || value instanceof Long)) {
            out.add(path, "expected an integer, got " + Schema.describe(value));
            return;
        }
        if (!values.contains(((Number) value).longValue())) {
            out.add(path, "unsupported value " + value + " (expected one of "
                    + values.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
        }
    }
}
