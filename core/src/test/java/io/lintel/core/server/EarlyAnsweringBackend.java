package io.lintel.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Answers every request as soon as its head has arrived, before its body (as a gRPC server answers a call it refuses
 * with trailers only while the client still sends): a complete {@code 200} with the body {@code early}, then reads
 * and drops whatever else comes until the connection closes.
 */
final class EarlyAnsweringBackend implements AutoCloseable {

    static final String BODY = "early";

    private final ServerSocket server;

    EarlyAnsweringBackend() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::run, "early-answering-backend");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void run() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread serving = new Thread(() -> serve(socket), "early-answering-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                // closed by the test
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            int b;
            while (matched < 4 && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] drop = new byte[8192];
            while (in.read(drop) >= 0) {
                // the body nobody needs any more
            }
        } catch (IOException e) {
            // the gateway closed the connection
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
