package io.lintel.it;

import io.lintel.core.testing.TestCertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** The Gateway API documents the end-to-end tests write into a config directory. */
final class Manifests {

    static final String CONTROLLER_NAME = "lintel.io/gateway-controller";

    private Manifests() {}

    static String gatewayClass() {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata:
                  name: lintel
                spec:
                  controllerName: %s
                """.formatted(CONTROLLER_NAME);
    }

    static String gateway(String name, int port) {
        return gateway(name, """
                    - name: http
                      protocol: HTTP
                      port: %d
                """.formatted(port));
    }

    /** A Gateway on 127.0.0.1 with one HTTPS listener terminating TLS with the Secret {@code certificate}. */
    static String httpsGateway(String name, int port, String certificate) {
        return gateway(name, """
                    - name: https
                      protocol: HTTPS
                      port: %d
                      tls:
                        mode: Terminate
                        certificateRefs:
                          - name: %s
                """.formatted(port, certificate));
    }

    /** A Gateway of class lintel on 127.0.0.1 with these listeners (YAML list items, indented for spec.listeners). */
    private static String gateway(String name, String listeners) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: %s
                  namespace: default
                spec:
                  gatewayClassName: lintel
                  addresses:
                    - type: IPAddress
                      value: 127.0.0.1
                  listeners:
                """.formatted(name) + listeners;
    }

    /** An HTTPRoute sending every request to port 80 of {@code service}. */
    static String route(String name, String gateway, String service) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: %s
                  namespace: default
                spec:
                  parentRefs:
                    - name: %s
                  rules:
                    - matches:
                        - path:
                            type: PathPrefix
                            value: /
                      backendRefs:
                        - name: %s
                          port: 80
                """.formatted(name, gateway, service);
    }

    /** A Service with port 80 and the EndpointSlice that puts it on 127.0.0.1:{@code targetPort}. */
    static String serviceWithEndpoint(String service, int targetPort) {
        return serviceWithEndpoint(service, "", targetPort);
    }

    /** As {@link #serviceWithEndpoint(String, int)}, the port with this {@code appProtocol} when it is not empty. */
    static String serviceWithEndpoint(String service, String appProtocol, int targetPort) {
        return service(service, "http", 80, "TCP", appProtocol, targetPort, "127.0.0.1");
    }

    /** A Service with port 80 and the EndpointSlice that puts it on each of {@code addresses} at {@code targetPort}. */
    static String serviceWithEndpoints(String service, int targetPort, String... addresses) {
        return service(service, "http", 80, "TCP", "", targetPort, addresses);
    }

    /**
     * A Service with one port and the EndpointSlice that puts it on each of {@code addresses} (ready) at
     * {@code targetPort}.
     *
     * @param protocol {@code TCP} or {@code UDP}
     * @param appProtocol the port's {@code appProtocol}; empty for none
     */
    static String service(String service, String portName, int port, String protocol, String appProtocol,
            int targetPort, String... addresses) {
        StringBuilder endpoints = new StringBuilder();
        for (String address : addresses) {
            endpoints.append("  - addresses: [").append(address).append("]\n    conditions:\n      ready: true\n");
        }
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                  namespace: default
                spec:
                  ports:
                    - name: %2$s
                      port: %3$d
                      protocol: %4$s
                %5$s---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: %1$s-1
                  namespace: default
                  labels:
                    kubernetes.io/service-name: %1$s
                addressType: IPv4
                ports:
                  - name: %2$s
                    port: %6$d
                    protocol: %4$s
                endpoints:
                """.formatted(service, portName, port, protocol,
                appProtocol.isEmpty() ? "" : "      appProtocol: " + appProtocol + "\n", targetPort) + endpoints;
    }

    /** A BackendTLSPolicy for the whole Service {@code service}, trusting ConfigMap {@code caConfigMap}. */
    static String backendTlsPolicy(String version, String service, String hostname, String caConfigMap, String extra) {
        return """
                apiVersion: gateway.networking.k8s.io/%s
                kind: BackendTLSPolicy
                metadata:
                  name: %s
                  namespace: default
                spec:
                  targetRefs:
                    - {group: '', kind: Service, name: %s}
                  validation:
                    hostname: %s
                    caCertificateRefs:
                      - {group: '', kind: ConfigMap, name: %s}
                    %s
                """.formatted(version, service, service, hostname, caConfigMap, extra);
    }

    static String caConfigMap(String name, X509Certificate ca) throws CertificateEncodingException {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: default
                data:
                  ca.crt: |
                %s""".formatted(name, pem("CERTIFICATE", ca.getEncoded()).indent(4));
    }

    /** DER bytes as PEM of {@code type}, e.g. {@code CERTIFICATE}. */
    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A kubernetes.io/tls Secret of namespace default holding {@code issued} as PEM. */
    static String tlsSecret(String name, TestCertificateAuthority.Issued issued)
            throws CertificateEncodingException {
        Base64.Encoder base64 = Base64.getEncoder();
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                  namespace: default
                type: kubernetes.io/tls
                data:
                  tls.crt: %s
                  tls.key: %s
                """.formatted(name,
                base64.encodeToString(pem("CERTIFICATE", issued.certificate().getEncoded())
                        .getBytes(StandardCharsets.US_ASCII)),
                base64.encodeToString(pem("PRIVATE KEY", issued.key().getEncoded())
                        .getBytes(StandardCharsets.US_ASCII)));
    }
}
