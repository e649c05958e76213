package io.lintel.plugin.tls.pem;

import io.lintel.spi.tls.InvalidTlsMaterialException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits PEM text into {@link PemBlock}s.
 *
 * <p>Written by hand rather than with BouncyCastle's {@code PemReader} so that errors can name the block and the
 * line, and so that a stray character inside a body is an error instead of being skipped. Text outside blocks
 * (e.g. the {@code Bag Attributes} lines openssl writes) is ignored, as openssl does.
 */
final class PemDocument {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    /** base64("-----BEGIN"): a value holding this was base64-encoded once more than needed. */
    private static final String DOUBLE_ENCODED_BEGIN = "LS0tLS1CRUdJTi";

    private PemDocument() {}

    /**
     * @param key the Secret data key the bytes came from, for messages
     * @throws InvalidTlsMaterialException if a block is malformed or no block is present
     */
    static List<PemBlock> parse(String key, byte[] bytes) throws InvalidTlsMaterialException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<PemBlock> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            if (!line.startsWith(BEGIN)) {
                i++;
                continue;
            }
            int beginLine = i + 1;
            String type = label(key, line, BEGIN, beginLine);
            String endMarker = END + type + DASHES;
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder base64 = new StringBuilder();
            i++;
            boolean ended = false;
            for (; i < lines.length; i++) {
                String body = lines[i].strip();
                if (body.equals(endMarker)) {
                    ended = true;
                    i++;
                    break;
                }
                if (body.startsWith(BEGIN) || body.startsWith(END)) {
                    throw new InvalidTlsMaterialException(key + ": '" + BEGIN + type + DASHES + "' at line " + beginLine
                            + " is closed by '" + body + "' at line " + (i + 1) + " (expected: '" + endMarker + "')");
                }
                int colon = body.indexOf(':');
                if (colon > 0 && base64.length() == 0) {
                    headers.put(body.substring(0, colon).strip(), body.substring(colon + 1).strip());
                } else {
                    base64.append(body);
                }
            }
            if (!ended) {
                throw new InvalidTlsMaterialException(key + ": '" + BEGIN + type + DASHES + "' at line " + beginLine
                        + " has no matching '" + endMarker + "'");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(base64.toString().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidTlsMaterialException(key + ": PEM block " + (blocks.size() + 1) + " (" + type + ", line "
                        + beginLine + ") has an invalid base64 body: " + e.getMessage());
            }
            if (der.length == 0) {
                throw new InvalidTlsMaterialException(key + ": PEM block " + (blocks.size() + 1) + " (" + type + ", line "
                        + beginLine + ") is empty");
            }
            blocks.add(new PemBlock(type, headers, der, blocks.size() + 1, beginLine));
        }
        if (blocks.isEmpty()) {
            throw new InvalidTlsMaterialException(key + ": no PEM block found (expected text with '" + BEGIN + "...-----' lines)"
                    + hint(text, bytes));
        }
        return blocks;
    }

    private static String label(String key, String line, String marker, int lineNumber) throws InvalidTlsMaterialException {
        String label = line.length() > marker.length() + DASHES.length() && line.endsWith(DASHES)
                ? line.substring(marker.length(), line.length() - DASHES.length())
                : "";
        // A label never holds dashes: PEM squashed onto one line has the END marker in it.
        if (label.isBlank() || label.contains(DASHES)) {
            throw new InvalidTlsMaterialException(key + ": malformed PEM marker at line " + lineNumber + ": '"
                    + abbreviate(line) + "' (expected: '" + marker + "<TYPE>-----' on a line of its own)");
        }
        return label;
    }

    /** PEM squashed onto one line would otherwise put the whole base64 body into the message. */
    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    /** Names the two usual mistakes behind "no PEM block": a DER file, and base64 applied twice. */
    private static String hint(String text, byte[] bytes) {
        if (text.strip().startsWith(DOUBLE_ENCODED_BEGIN)) {
            return "; the value looks base64-encoded twice: put the PEM text itself (base64-encoded once) in the Secret's data";
        }
        if (bytes.length > 0 && bytes[0] == 0x30) {
            return "; the value looks like binary DER: convert it to PEM, e.g. with 'openssl x509 -inform der'";
        }
        return "";
    }
}
