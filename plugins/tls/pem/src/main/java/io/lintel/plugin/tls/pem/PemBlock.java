package io.lintel.plugin.tls.pem;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One {@code -----BEGIN type----- ... -----END type-----} block of a PEM document.
 *
 * @param type the label between {@code BEGIN} and the dashes, e.g. {@code CERTIFICATE}
 * @param headers RFC 1421 headers (e.g. {@code Proc-Type}), empty for the usual RFC 7468 blocks
 * @param der the decoded base64 body
 * @param index the position of the block in its document, from 1
 * @param line the line of the {@code BEGIN} marker, from 1
 */
record PemBlock(String type, Map<String, String> headers, byte[] der, int index, int line) {

    PemBlock {
        requireNonNull(type, "type");
        headers = Map.copyOf(requireNonNull(headers, "headers"));
        requireNonNull(der, "der");
    }

    /** Where the block is, for error messages: {@code "PEM block 2 (CERTIFICATE, line 23)"}. */
    String describe() {
        return "PEM block " + index + " (" + type + ", line " + line + ")";
    }
}
