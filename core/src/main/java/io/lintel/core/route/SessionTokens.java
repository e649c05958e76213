package io.lintel.core.route;

import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session persistence tokens: opaque, tamper-evident names of the endpoint a session sticks to.
 *
 * <p>A token is the unpadded base64url of {@code payload || mac}, where the payload is a version byte, the backend's
 * index in its rule (2 bytes), the session's expiry in epoch milliseconds (8 bytes, 0 for none), the endpoint's port
 * (2 bytes) and its address (ASCII), and the MAC is the first 16 bytes of HMAC-SHA256, under a key drawn at random
 * when the process starts, of the rule's name followed by the payload. So a client can neither point its session at an
 * endpoint of its choosing, nor move it to another rule, nor extend its expiry; a token that does not verify, has
 * expired or names an endpoint the rule no longer has simply starts a new session. The key lives only in this
 * process: a restart (or another replica) starts new sessions, which the Gateway API allows (sessions are best
 * effort).
 */
public final class SessionTokens {

    /** The tokens of this process. */
    public static final SessionTokens PROCESS = new SessionTokens(randomKey());

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final int HEADER_BYTES = 1 + 2 + 8 + 2;
    private static final int MAX_ADDRESS_BYTES = 255;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a valid token says. */
    public record Decoded(int backendIndex, String address, int port, long expiresAtMillis) {}

    private final SecretKeySpec key;
    private final FastThreadLocal<Mac> macs = new FastThreadLocal<>() {
        @Override
        protected Mac initialValue() throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        }
    };

    /** @param key the HMAC key (at least 32 bytes) */
    public SessionTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("key: " + key.length + " bytes (expected: at least 32)");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * A token naming {@code address:port} of backend {@code backendIndex} of the rule {@code scope}.
     *
     * @param scope the rule's name, UTF-8
     * @param expiresAtMillis epoch milliseconds after which the token is stale; 0 for never
     */
    public String encode(byte[] scope, int backendIndex, String address, int port, long expiresAtMillis) {
        byte[] addressBytes = address.getBytes(StandardCharsets.US_ASCII);
        if (backendIndex < 0 || backendIndex > 0xFFFF || addressBytes.length > MAX_ADDRESS_BYTES
                || port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("cannot encode backend " + backendIndex + " " + address + ":" + port);
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + addressBytes.length + MAC_BYTES);
        out.put(VERSION).putShort((short) backendIndex).putLong(expiresAtMillis).putShort((short) port)
                .put(addressBytes);
        byte[] mac = mac(scope, out.array(), out.position());
        out.put(mac, 0, MAC_BYTES);
        return ENCODER.encodeToString(out.array());
    }

    /** What {@code token} says, or null when it is malformed, forged, of another rule, or expired at {@code nowMillis}. */
    public Decoded decode(byte[] scope, String token, long nowMillis) {
        byte[] raw;
        try {
            raw = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int payload = raw.length - MAC_BYTES;
        if (payload <= HEADER_BYTES || payload > HEADER_BYTES + MAX_ADDRESS_BYTES || raw[0] != VERSION) {
            return null;
        }
        byte[] expected = mac(scope, raw, payload);
        byte[] given = new byte[MAC_BYTES];
        System.arraycopy(raw, payload, given, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, MAC_BYTES), given)) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(raw, 1, payload - 1);
        int backendIndex = Short.toUnsignedInt(in.getShort());
        long expiresAt = in.getLong();
        int port = Short.toUnsignedInt(in.getShort());
        if (expiresAt != 0 && nowMillis >= expiresAt) {
            return null;
        }
        String address = new String(raw, HEADER_BYTES, payload - HEADER_BYTES, StandardCharsets.US_ASCII);
        return new Decoded(backendIndex, address, port, expiresAt);
    }

    private byte[] mac(byte[] scope, byte[] payload, int length) {
        Mac mac = macs.get();
        mac.update(scope);
        mac.update(payload, 0, length);
        return mac.doFinal();
    }
}
