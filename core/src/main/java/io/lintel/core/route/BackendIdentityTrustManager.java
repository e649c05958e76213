package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.IrSubjectAltName;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies a backend's certificate chain against trust anchors, then its identity (GEP-1897): when subjectAltNames
 * are given the leaf must carry at least one of them (a DNS name, where a {@code *.} wildcard in the certificate
 * covers one label, or a URI compared exactly, e.g. a SPIFFE ID); otherwise it must carry a DNS name (or IP address)
 * matching the hostname. The subject's common name is not consulted (RFC 6125). Client-side only.
 */
final class BackendIdentityTrustManager extends X509ExtendedTrustManager {

    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private static final int SAN_IP = 7;

    private final X509ExtendedTrustManager anchors;
    private final String hostname;
    private final List<IrSubjectAltName> subjectAltNames;

    BackendIdentityTrustManager(X509ExtendedTrustManager anchors, String hostname, List<IrSubjectAltName> subjectAltNames) {
        this.anchors = requireNonNull(anchors, "anchors");
        this.hostname = requireNonNull(hostname, "hostname");
        this.subjectAltNames = List.copyOf(subjectAltNames);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // the two-argument form: chain only, no endpoint identification of the JDK's
        anchors.checkServerTrusted(chain, authType);
        checkIdentity(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    void checkIdentity(X509Certificate leaf) throws CertificateException {
        List<String> dns = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    String value = String.valueOf(name.get(1));
                    if (type == SAN_DNS) {
                        dns.add(value);
                    } else if (type == SAN_URI) {
                        uris.add(value);
                    } else if (type == SAN_IP) {
                        ips.add(value);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new CertificateException("backend certificate's subjectAltName cannot be read: " + e.getMessage(), e);
        }
        if (subjectAltNames.isEmpty()) {
            if (dns.stream().anyMatch(d -> dnsMatches(d, hostname)) || ips.contains(hostname)) {
                return;
            }
            throw new CertificateException("backend certificate is not valid for hostname " + hostname
                    + " (its DNS names: " + dns + ")");
        }
        for (IrSubjectAltName expected : subjectAltNames) {
            boolean found = expected.type() == IrSubjectAltName.Type.URI
                    ? uris.contains(expected.value())
                    : dns.stream().anyMatch(d -> dnsMatches(d, expected.value()));
            if (found) {
                return;
            }
        }
        throw new CertificateException("backend certificate carries none of the subjectAltNames " + subjectAltNames
                + " (its DNS names: " + dns + ", URIs: " + uris + ")");
    }

    /** Case-insensitive; a certificate name {@code *.example.com} covers exactly one label. */
    static boolean dnsMatches(String certificateName, String name) {
        String pattern = certificateName.toLowerCase(Locale.ROOT);
        String host = name.toLowerCase(Locale.ROOT);
        if (pattern.endsWith(".")) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("backend TLS is client-side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.getAcceptedIssuers();
    }
}
