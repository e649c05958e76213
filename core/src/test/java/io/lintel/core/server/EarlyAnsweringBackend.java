package io.lintel.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Answers every request as soon as its head has arrived, before its body (as a gRPC server answers a call it refuses
 * with trailers only while the client still sends): a complete {@code 200} with the body {@code early}, then reads
 * and drops whatever else comes until the connection closes.
 */
final class EarlyAnsweringBackend extends SocketBackend {

    static final String BODY = "early";

    EarlyAnsweringBackend() throws IOException {
        super("early-answering-backend");
    }

    @Override
    void serve(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        skipHead(in);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] drop = new byte[8192];
        while (in.read(drop) >= 0) {
            // the body nobody needs any more
        }
    }
}
