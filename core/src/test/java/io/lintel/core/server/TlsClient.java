package io.lintel.core.server;

import io.lintel.core.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client over JDK sockets for what {@link java.net.http.HttpClient} cannot do: a chosen server name (SNI) or
 * none, a Host header that does not resolve, and a connection kept open across a reload. Speaks HTTP/1.1 (no ALPN).
 * Public for the integration tests (core's test-jar).
 */
public final class TlsClient implements AutoCloseable {

    private final SSLSocket socket;

    /** A client that trusts exactly these self-signed certificates. */
    static SSLContext trusting(TestTls.Pem... certificates) throws GeneralSecurityException, IOException {
        Certificate[] plain = new Certificate[certificates.length];
        for (int i = 0; i < certificates.length; i++) {
            plain[i] = certificates[i].certificate();
        }
        return trusting(plain);
    }

    /** A client that trusts exactly these (self-signed) certificates. */
    public static SSLContext trusting(Certificate... certificates) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            trusted.setCertificateEntry("c" + i, certificates[i]);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Connects to the loopback port and completes a full handshake (a fresh client context each time, so no session
     * of an earlier connection is resumed with its certificate).
     *
     * @param serverName the SNI name to send, or null for none
     * @param trusted the self-signed certificates the client trusts
     */
    TlsClient(int port, String serverName, TestTls.Pem... trusted) throws IOException, GeneralSecurityException {
        this(port, serverName, trusting(trusted));
    }

    /** As above, with a client context of the caller's (e.g. one that presents a client certificate). */
    public TlsClient(int port, String serverName, SSLContext context) throws IOException {
        socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
    }

    /** The certificate the server presented. */
    public Certificate serverCertificate() throws IOException {
        return socket.getSession().getPeerCertificates()[0];
    }

    /** Sends a keep-alive GET and reads one response (Content-Length framed); returns "status body". */
    public String get(String host, String path) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headText.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return headText.substring(9, 12) + " " + body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
