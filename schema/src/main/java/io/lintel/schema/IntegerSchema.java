package io.lintel.schema;

import java.math.BigInteger;

/** An integer within inclusive bounds. */
public record IntegerSchema(long min, long max) implements Schema {

    public static IntegerSchema range(long min, long max) {
        return new IntegerSchema(min, max);
    }

    @Override
    public void check(Object value, String path, Violations out) {
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger)) {
            out.add(path, "expected an integer, got " + Schema.describe(value));
            return;
        }
        BigInteger v = new BigInteger(value.toString());
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            out.add(path, value + " is out of range (expected " + min + "-" + max + ")");
        }
    }
}
