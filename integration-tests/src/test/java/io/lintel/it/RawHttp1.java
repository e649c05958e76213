package io.lintel.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.x over a plain socket, for requests no library client sends (two Host lines, a NUL in the target,
 * obs-fold, CL+TE, ...). The request is written as given and everything is read until the gateway closes the
 * connection: a request that does not end in a close within 10 s fails with a timeout.
 */
final class RawHttp1 {

    private RawHttp1() {}

    /** Sends {@code request} (ISO-8859-1 bytes) and reads until the connection closes. */
    static Response exchange(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readUntilClosed(socket.getInputStream());
        }
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** Everything until the peer closes (a reset after a complete answer counts as the close). */
    static Response readUntilClosed(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (java.net.SocketException e) {
            if (text.length() == 0) {
                throw e;
            }
        }
        return new Response(text.toString());
    }

    /** What the gateway sent before closing. */
    record Response(String text) {

        /** The status code of the first response, or 0 when nothing came. */
        int status() {
            return text.startsWith("HTTP/1.") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
        }

        String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }
}
