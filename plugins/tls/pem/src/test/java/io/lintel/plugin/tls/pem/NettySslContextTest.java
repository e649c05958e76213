package io.lintel.plugin.tls.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lintel.spi.tls.TlsMaterial;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loaded key and chain build Netty server {@link SslContext}s, as core does, with the JDK provider and with
 * BoringSSL (which parses the key's PKCS#8 encoding itself), and those complete a handshake in memory.
 */
class NettySslContextTest {

    private static final PemTlsMaterialLoader LOADER = new PemTlsMaterialLoader(Clock.systemUTC());

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
        Instant now = Instant.now();
        KeyPair intermediate = TestPki.ecP256();
        X509Certificate intermediateCertificate = TestPki.certificate("CN=Test Intermediate", intermediate.getPublic(),
                "CN=Test Intermediate", intermediate.getPrivate(), true, now.minus(1, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS), List.of(), List.of());
        X509Certificate leafCertificate = TestPki.certificate("CN=localhost", ec.getPublic(), "CN=Test Intermediate",
                intermediate.getPrivate(), false, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS),
                List.of("localhost"), List.of());
        List<Case> cases = List.of(
                new Case("RSA PKCS#1", TestPki.certificatesPem(rsaCertificate), TestPki.pkcs1(rsa.getPrivate()), rsaCertificate),
                new Case("RSA PKCS#8", TestPki.certificatesPem(rsaCertificate), TestPki.pkcs8(rsa.getPrivate()), rsaCertificate),
                new Case("EC SEC1", TestPki.certificatesPem(ecCertificate), TestPki.sec1(ec), ecCertificate),
                new Case("EC SEC1 + EC PARAMETERS", TestPki.certificatesPem(ecCertificate), TestPki.sec1WithSeparateParameters(ec), ecCertificate),
                new Case("EC PKCS#8", TestPki.certificatesPem(ecCertificate), TestPki.pkcs8(ec.getPrivate()), ecCertificate),
                new Case("leaf + intermediate", TestPki.certificatesPem(leafCertificate, intermediateCertificate),
                        TestPki.sec1(ec), intermediateCertificate));
        List<Arguments> arguments = new ArrayList<>();
        for (Case testCase : cases) {
            arguments.add(Arguments.of(testCase, SslProvider.JDK));
            arguments.add(Arguments.of(testCase, SslProvider.OPENSSL));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void serverContextHandshakes(Case testCase, SslProvider provider) throws Exception {
        if (provider == SslProvider.OPENSSL) {
            Assumptions.assumeTrue(OpenSsl.isAvailable(), () -> "BoringSSL unavailable: " + OpenSsl.unavailabilityCause());
        }
        TlsMaterial material = LOADER.load(TestPki.secretData(testCase.certificatePem(), testCase.keyPem()));
        SslContext server = SslContextBuilder
                .forServer(material.privateKey(), material.chain().toArray(X509Certificate[]::new))
                .sslProvider(provider)
                .build();
        SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(testCase.trusted()).build();
        SSLEngine serverEngine = server.newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine clientEngine = client.newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
        try {
            SSLParameters parameters = clientEngine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            clientEngine.setSSLParameters(parameters);

            String received = handshakeAndSend(clientEngine, serverEngine, "hello");

            assertThat(received).isEqualTo("hello");
            assertThat(clientEngine.getSession().getPeerCertificates()).containsExactlyElementsOf(material.chain());
        } finally {
            ReferenceCountUtil.release(serverEngine);
            ReferenceCountUtil.release(clientEngine);
            ReferenceCountUtil.release(server);
            ReferenceCountUtil.release(client);
        }
    }

    /** Pumps records between the two engines until the handshake is done and the client's message has arrived. */
    private static String handshakeAndSend(SSLEngine clientEngine, SSLEngine serverEngine, String message) throws Exception {
        int packetSize = Math.max(clientEngine.getSession().getPacketBufferSize(), serverEngine.getSession().getPacketBufferSize());
        int appSize = Math.max(clientEngine.getSession().getApplicationBufferSize(), serverEngine.getSession().getApplicationBufferSize());
        ByteBuffer clientOut = ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8));
        ByteBuffer clientToServer = ByteBuffer.allocate(packetSize * 4);
        ByteBuffer serverToClient = ByteBuffer.allocate(packetSize * 4);
        ByteBuffer serverIn = ByteBuffer.allocate(appSize * 2);
        ByteBuffer clientIn = ByteBuffer.allocate(appSize * 2);
        ByteBuffer nothing = ByteBuffer.allocate(0);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        for (int round = 0; round < 200; round++) {
            step(clientEngine.wrap(clientOut, clientToServer), clientEngine);
            step(serverEngine.wrap(nothing, serverToClient), serverEngine);
            clientToServer.flip();
            step(serverEngine.unwrap(clientToServer, serverIn), serverEngine);
            clientToServer.compact();
            serverToClient.flip();
            step(clientEngine.unwrap(serverToClient, clientIn), clientEngine);
            serverToClient.compact();
            if (serverIn.position() == message.length()) {
                serverIn.flip();
                return StandardCharsets.UTF_8.decode(serverIn).toString();
            }
        }
        return fail("no handshake after 200 rounds: client %s, server %s",
                clientEngine.getHandshakeStatus(), serverEngine.getHandshakeStatus());
    }

    private static void step(SSLEngineResult result, SSLEngine engine) {
        assertThat(result.getStatus()).isIn(SSLEngineResult.Status.OK, SSLEngineResult.Status.BUFFER_UNDERFLOW);
        if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                task.run();
            }
        }
    }
}
