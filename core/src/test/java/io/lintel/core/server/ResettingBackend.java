package io.lintel.core.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Accepts connections, reads a request head, then resets the connection without answering. */
final class ResettingBackend implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    ResettingBackend() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        thread = new Thread(this::run, "resetting-backend");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void run() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                SocketBackend.skipHead(socket.getInputStream());
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // closed by the test, or the peer went away
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
