package io.lintel.plugin.tls.pem;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.tls.TlsMaterial;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The loaded key and chain serve a real TLS handshake (JDK TLS, loopback), with hostname verification on. */
class TlsHandshakeTest {

    private static final PemTlsMaterialLoader LOADER = new PemTlsMaterialLoader(Clock.systemUTC());
    private static final char[] KEY_PASSWORD = "unused".toCharArray();
    private static ExecutorService server;

    @BeforeAll
    static void startExecutor() {
        server = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tls-test-server");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterAll
    static void stopExecutor() {
        server.shutdownNow();
    }

    /** What the Secret holds, and the certificate the client trusts. */
    record Case(String name, String certificatePem, String keyPem, X509Certificate trusted) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        KeyPair rsa = TestPki.rsa2048();
        X509Certificate rsaCertificate = TestPki.selfSigned(rsa);
        KeyPair ec = TestPki.ecP256();
        X509Certificate ecCertificate = TestPki.selfSigned(ec);
        SelfSignedCertificate generated = SelfSignedCertificates.generate(
                SelfSignedCertificates.Request.of(List.of("localhost"), List.of("127.0.0.1")));

        Instant now = Instant.now();
        KeyPair root = TestPki.ecP256();
        KeyPair intermediate = TestPki.ecP256();
        X509Certificate rootCertificate = TestPki.certificate("CN=Test Root", root.getPublic(), "CN=Test Root",
                root.getPrivate(), true, now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS), List.of(), List.of());
        X509Certificate intermediateCertificate = TestPki.certificate("CN=Test Intermediate", intermediate.getPublic(),
                "CN=Test Root", root.getPrivate(), true, now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS),
                List.of(), List.of());
        KeyPair leaf = TestPki.rsa2048();
        X509Certificate leafCertificate = TestPki.certificate("CN=localhost", leaf.getPublic(), "CN=Test Intermediate",
                intermediate.getPrivate(), false, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS),
                List.of("localhost"), List.of("127.0.0.1"));

        return Stream.of(
                new Case("RSA PKCS#1, self-signed", TestPki.certificatesPem(rsaCertificate), TestPki.pkcs1(rsa.getPrivate()), rsaCertificate),
                new Case("EC SEC1, self-signed", TestPki.certificatesPem(ecCertificate), TestPki.sec1(ec), ecCertificate),
                new Case("SelfSignedCertificates output", generated.certificatePem(), generated.privateKeyPem(), generated.certificate()),
                // The client trusts only the root: the handshake needs the intermediate the Secret carries.
                new Case("leaf + intermediate, client trusts the root",
                        TestPki.certificatesPem(leafCertificate, intermediateCertificate), TestPki.pkcs8(leaf.getPrivate()),
                        rootCertificate))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void handshakeSucceedsWithLoadedMaterial(Case testCase) throws Exception {
        TlsMaterial material = LOADER.load(TestPki.secretData(testCase.certificatePem(), testCase.keyPem()));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        try (SSLServerSocket listener = (SSLServerSocket) serverContext(material).getServerSocketFactory()
                .createServerSocket(0, 1, loopback)) {
            Future<Integer> served = server.submit(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout(10_000);
                    InputStream in = accepted.getInputStream();
                    int request = in.read();
                    OutputStream out = accepted.getOutputStream();
                    out.write(request + 1);
                    out.flush();
                    return request;
                }
            });

            try (SSLSocket client = (SSLSocket) clientContext(testCase.trusted()).getSocketFactory().createSocket()) {
                client.setSoTimeout(10_000);
                SSLParameters parameters = client.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(parameters);
                client.connect(new InetSocketAddress(loopback, listener.getLocalPort()), 10_000);
                client.startHandshake();

                client.getOutputStream().write(41);
                client.getOutputStream().flush();
                assertThat(client.getInputStream().read()).isEqualTo(42);
                Certificate[] presented = client.getSession().getPeerCertificates();
                assertThat(presented).containsExactlyElementsOf(material.chain());
            }
            assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo(41);
        }
    }

    private static SSLContext serverContext(TlsMaterial material) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("server", material.privateKey(), KEY_PASSWORD, material.chain().toArray(Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, KEY_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext(X509Certificate trusted) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("trusted", trusted);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
