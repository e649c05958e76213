package io.lintel.plugin.filter.example.headeraccess;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterSpec;

/**
 * A validated {@code WebhookSignatureRule}: a request goes on only when header {@code header} carries
 * {@code prefix} and the hex HMAC-SHA256 of its body under one of the keys in {@code keysFile}.
 *
 * @param header the header with the signature, e.g. {@code X-Hub-Signature-256}
 * @param prefix what the signature's value starts with, e.g. {@code sha256=}
 * @param keysFile the file of shared keys, one per line (blank lines and {@code #} comments skipped); read when
 *     requests arrive, so that rotating keys needs no reload
 * @param deniedStatus the status answered to requests without a valid signature
 */
public record WebhookSignatureSpec(String header, String prefix, String keysFile, int deniedStatus) implements FilterSpec {

    public WebhookSignatureSpec {
        requireNonNull(header, "header");
        requireNonNull(prefix, "prefix");
        requireNonNull(keysFile, "keysFile");
    }
}
