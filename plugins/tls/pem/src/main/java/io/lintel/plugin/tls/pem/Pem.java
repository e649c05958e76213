package io.lintel.plugin.tls.pem;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes RFC 7468 PEM blocks. */
final class Pem {

    private static final Base64.Encoder BASE64_LINES = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64_LINES.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
