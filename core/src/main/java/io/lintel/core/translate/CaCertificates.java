package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.lintel.core.ir.CertificateFingerprints;
import io.lintel.spi.policy.CaCertificateRef;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * Loads the trust anchors of a BackendTLSPolicy's CA certificate references ({@code validation.caCertificateRefs}): key {@code ca.crt} of a core
 * ConfigMap (as Gateway API specifies) or Secret (accepted too), PEM with one or more certificates. A reference of
 * another kind, a missing object or key, unparsable PEM or an expired certificate makes the policy
 * {@code ResolvedRefs=False} with a message naming the object; the usable references still count.
 */
final class CaCertificates {

    static final String CA_KEY = "ca.crt";

    /** The usable anchors, where they came from, and their fingerprint. */
    record Loaded(List<X509Certificate> certificates, List<String> sources, String fingerprint) {}

    private final ResourceIndex index;
    private final Instant now;

    CaCertificates(ResourceIndex index, Instant now) {
        this.index = index;
        this.now = now;
    }

    Loaded load(String namespace, List<CaCertificateRef> refs, BackendTlsPolicies.PolicyState policy) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (CaCertificateRef ref : refs) {
            String path = ref.fieldPath();
            String group = ref.group();
            String kind = ref.kind();
            if (!group.isEmpty() || !(kind.equals("ConfigMap") || kind.equals("Secret"))) {
                policy.unresolved("InvalidKind", path + ": unsupported kind " + (group.isEmpty() ? "" : group + "/")
                        + kind + " (expected: a core ConfigMap or Secret)");
                continue;
            }
            String object = kind + " " + namespace + "/" + ref.name();
            byte[] pem = kind.equals("ConfigMap") ? fromConfigMap(namespace + "/" + ref.name())
                    : fromSecret(namespace + "/" + ref.name());
            if (pem == null) {
                policy.unresolved("InvalidCACertificateRef", path + ": " + object + " not found");
                continue;
            }
            if (pem.length == 0) {
                policy.unresolved("InvalidCACertificateRef", path + ": " + object + " has no " + CA_KEY);
                continue;
            }
            try {
                List<X509Certificate> parsed = parse(pem);
                for (X509Certificate certificate : parsed) {
                    if (certificate.getNotAfter().before(Date.from(now))) {
                        throw new CertificateException("certificate " + certificate.getSubjectX500Principal()
                                + " expired at " + certificate.getNotAfter().toInstant());
                    }
                }
                certificates.addAll(parsed);
                sources.add(namespace + "/" + kind + "/" + ref.name());
            } catch (CertificateException e) {
                policy.unresolved("InvalidCACertificateRef", path + ": " + object + ": " + CA_KEY
                        + " holds no usable PEM certificate (" + e.getMessage() + ")");
            }
        }
        return new Loaded(certificates, sources, certificates.isEmpty() ? "" : CertificateFingerprints.of(certificates));
    }

    /** {@code ca.crt} of the ConfigMap; null when there is no such ConfigMap, empty when it lacks the key. */
    private byte[] fromConfigMap(String key) {
        ConfigMap configMap = index.configMaps.get(key);
        if (configMap == null) {
            return null;
        }
        String value = configMap.getData() == null ? null : configMap.getData().get(CA_KEY);
        if (value == null && configMap.getBinaryData() != null && configMap.getBinaryData().get(CA_KEY) != null) {
            return decodeBase64(configMap.getBinaryData().get(CA_KEY));
        }
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] fromSecret(String key) {
        Secret secret = index.secrets.get(key);
        if (secret == null) {
            return null;
        }
        if (secret.getStringData() != null && secret.getStringData().get(CA_KEY) != null) {
            return secret.getStringData().get(CA_KEY).getBytes(StandardCharsets.UTF_8);
        }
        String value = secret.getData() == null ? null : secret.getData().get(CA_KEY);
        return value == null ? new byte[0] : decodeBase64(value);
    }

    private static byte[] decodeBase64(String value) {
        try {
            return Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return "not base64".getBytes(StandardCharsets.US_ASCII);
        }
    }

    static List<X509Certificate> parse(byte[] pem) throws CertificateException {
        if (!new String(pem, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
            throw new CertificateException("no -----BEGIN CERTIFICATE----- block");
        }
        Collection<? extends Certificate> parsed =
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        if (parsed.isEmpty()) {
            throw new CertificateException("no certificate");
        }
        List<X509Certificate> out = new ArrayList<>();
        parsed.forEach(c -> out.add((X509Certificate) c));
        return out;
    }
}
