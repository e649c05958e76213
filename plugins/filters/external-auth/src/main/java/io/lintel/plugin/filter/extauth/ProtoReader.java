package io.lintel.plugin.filter.extauth;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Reads protocol buffers wire format one field at a time, skipping what it is not asked for; enough for the
 * messages of Envoy's {@code ext_authz} v3 API that an authorization service answers. Malformed input (a truncated
 * field, a varint of more than ten bytes, a group) fails with {@link IllegalArgumentException}.
 */
final class ProtoReader {

    private final byte[] in;
    private int position;
    private final int end;
    private int field;
    private int wireType;
    private long varint;
    private int valueStart;
    private int valueLength;

    ProtoReader(byte[] in) {
        this(in, 0, in.length);
    }

    private ProtoReader(byte[] in, int start, int end) {
        this.in = in;
        this.position = start;
        this.end = end;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (position >= end) {
            return false;
        }
        long tag = readVarint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        switch (wireType) {
            case 0 -> varint = readVarint();
            case 1 -> skip(8);
            case 2 -> {
                long length = readVarint();
                if (length < 0 || length > end - position) {
                    throw new IllegalArgumentException("a field of " + length + " bytes passes the message's end");
                }
                valueStart = position;
                valueLength = (int) length;
                position += valueLength;
            }
            case 5 -> skip(4);
            default -> throw new IllegalArgumentException("unsupported wire type " + wireType + " of field " + field);
        }
        return true;
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    long varint() {
        requireWireType(0);
        return varint;
    }

    String string() {
        requireWireType(2);
        return new String(in, valueStart, valueLength, UTF_8);
    }

    byte[] bytes() {
        requireWireType(2);
        byte[] value = new byte[valueLength];
        System.arraycopy(in, valueStart, value, 0, valueLength);
        return value;
    }

    /** The current field, a nested message, read by a reader of its own. */
    ProtoReader message() {
        requireWireType(2);
        return new ProtoReader(in, valueStart, valueStart + valueLength);
    }

    private void requireWireType(int expected) {
        if (wireType != expected) {
            throw new IllegalArgumentException("field " + field + " has wire type " + wireType + ", not " + expected);
        }
    }

    private void skip(int bytes) {
        if (bytes > end - position) {
            throw new IllegalArgumentException("field " + field + " passes the message's end");
        }
        position += bytes;
    }

    private long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new IllegalArgumentException("a varint passes the message's end");
            }
            byte b = in[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a varint of more than ten bytes");
    }
}
