package io.lintel.spi.tls;

import java.util.Map;

/**
 * Parses key material from the data of a Secret (e.g. {@code tls.crt} and {@code tls.key} of a
 * {@code kubernetes.io/tls} Secret, PEM).
 *
 * <p>Thread-safe. Core calls it off the event loops, once per Secret version.
 */
public interface TlsMaterialLoader {

    /** A name for logs, e.g. {@code "pem"}. */
    String name();

    /**
     * @param secretData the Secret's {@code data}, decoded from base64
     * @throws InvalidTlsMaterialException saying what is wrong with which key
     */
    TlsMaterial load(Map<String, byte[]> secretData) throws InvalidTlsMaterialException;
}
