package io.lintel.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A backend on plain blocking sockets, for tests that need one to misbehave in a way a Netty backend would hide: it
 * accepts on loopback and serves each connection on a daemon thread of its own with {@link #serve}.
 */
abstract class SocketBackend implements AutoCloseable {

    private final ServerSocket server;

    SocketBackend(String name) throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> accept(name), name);
        thread.setDaemon(true);
        thread.start();
    }

    final int port() {
        return server.getLocalPort();
    }

    /** Serves one accepted connection, which it closes when done; an {@code IOException} means the peer went away. */
    abstract void serve(Socket socket) throws IOException;

    /** Reads up to and including the blank line that ends a request head (the head itself is not looked at). */
    static void skipHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private void accept(String name) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread serving = new Thread(() -> serveQuietly(socket), name + "-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                // closed by the test
            }
        }
    }

    private void serveQuietly(Socket socket) {
        try (socket) {
            serve(socket);
        } catch (IOException e) {
            // the gateway closed the connection
        }
    }

    @Override
    public final void close() throws IOException {
        server.close();
    }
}
