package io.lintel.core.server;

import io.lintel.core.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A client of raw byte streams (no HTTP) over JDK sockets, plain TCP or TLS with a chosen server name, for relayed
 * connections: reads lines, writes bytes, reads exact byte counts.
 */
final class LineClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        this.in = socket.getInputStream();
    }

    /** A plain TCP connection to the loopback port. */
    static LineClient tcp(int port) throws IOException {
        return new LineClient(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** A TLS connection with SNI {@code serverName}, trusting exactly {@code trusted}, after a full handshake. */
    static LineClient tls(int port, String serverName, TestTls.Pem trusted) throws IOException, GeneralSecurityException {
        SSLSocket ssl = (SSLSocket) TlsClient.trusting(trusted).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        ssl.setSSLParameters(parameters);
        LineClient client = new LineClient(ssl);
        ssl.startHandshake();
        return client;
    }

    /** The server's certificate (TLS connections only). */
    java.security.cert.Certificate serverCertificate() throws IOException {
        return ((SSLSocket) socket).getSession().getPeerCertificates()[0];
    }

    /** The next line without its end, or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Writes {@code text} and a newline, then reads a line back (the echo). */
    String echo(String text) throws IOException {
        write((text + "\n").getBytes(StandardCharsets.UTF_8));
        return readLine();
    }

    byte[] readExactly(int length) throws IOException {
        return in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
