package io.lintel.plugin.filter.extauth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/**
 * Writes protocol buffers wire format (proto3: fields at their default value are left out), enough for the messages
 * of Envoy's {@code ext_authz} v3 API that a check sends. Nested messages are written by a writer of their own and
 * added with {@link #message}.
 */
final class ProtoWriter {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    ProtoWriter string(int field, String value) {
        return value == null || value.isEmpty() ? this : bytes(field, value.getBytes(UTF_8));
    }

    ProtoWriter bytes(int field, byte[] value) {
        if (value.length == 0) {
            return this;
        }
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter int64(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            varint(value);
        }
        return this;
    }

    /** A nested message; written even when empty, so that its presence is seen. */
    ProtoWriter message(int field, ProtoWriter message) {
        tag(field, LENGTH_DELIMITED);
        varint(message.out.size());
        out.writeBytes(message.out.toByteArray());
        return this;
    }

    /** One entry of a {@code map<string, string>} field. */
    ProtoWriter mapEntry(int field, String key, String value) {
        return message(field, new ProtoWriter().string(1, key).string(2, value));
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        varint((long) field << 3 | wireType);
    }

    private void varint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }
}
