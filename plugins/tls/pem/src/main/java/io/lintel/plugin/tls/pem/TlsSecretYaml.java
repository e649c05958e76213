package io.lintel.plugin.tls.pem;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** Renders a {@code kubernetes.io/tls} Secret as a YAML document, ready for {@code kubectl apply -f} or a config directory. */
public final class TlsSecretYaml {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private TlsSecretYaml() {}

    /**
     * @param name the Secret's name, a DNS subdomain (RFC 1123)
     * @param namespace the Secret's namespace, a DNS label (RFC 1123)
     * @param certificatePem the PEM certificate chain, leaf first (becomes {@code tls.crt})
     * @param privateKeyPem the PEM private key (becomes {@code tls.key})
     * @throws IllegalArgumentException if the name or namespace is not a valid Kubernetes name
     */
    public static String render(String name, String namespace, String certificatePem, String privateKeyPem) {
        requireNonNull(name, "name");
        requireNonNull(namespace, "namespace");
        requireNonNull(certificatePem, "certificatePem");
        requireNonNull(privateKeyPem, "privateKeyPem");
        // Validated so that nothing needs escaping inside the quotes; quoted so that a name like "123" stays a string.
        if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("metadata.name: '" + name
                    + "' is not a DNS subdomain (expected: lower-case a-z, 0-9, '-' and '.', at most 253 characters)");
        }
        if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("metadata.namespace: '" + namespace
                    + "' is not a DNS label (expected: lower-case a-z, 0-9 and '-', at most 63 characters)");
        }
        return "apiVersion: v1\n"
                + "kind: Secret\n"
                + "metadata:\n"
                + "  name: \"" + name + "\"\n"
                + "  namespace: \"" + namespace + "\"\n"
                + "type: kubernetes.io/tls\n"
                + "data:\n"
                + "  tls.crt: " + base64(certificatePem) + "\n"
                + "  tls.key: " + base64(privateKeyPem) + "\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
