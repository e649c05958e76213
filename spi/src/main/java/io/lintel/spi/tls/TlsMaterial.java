package io.lintel.spi.tls;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A private key and its certificate chain (leaf first), parsed from a Secret. */
public record TlsMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

    public TlsMaterial {
        requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(requireNonNull(chain, "chain"));
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: at least the leaf certificate)");
        }
    }
}
