package io.lintel.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers each request (once its head has arrived) with a body of {@code size} bytes, written as fast as the
 * gateway takes them, and counts what its socket took ({@link #written}); or, when {@code resetAfter} is positive,
 * with the head of such a body and only {@code resetAfter} bytes of it, then a reset of the connection (a backend
 * failing mid-response).
 */
final class StreamingBackend extends SocketBackend {

    private final long size;
    private final int resetAfter;
    private final AtomicLong written = new AtomicLong();

    StreamingBackend(long size, int resetAfter) throws IOException {
        super("streaming-backend");
        this.size = size;
        this.resetAfter = resetAfter;
    }

    /** Body bytes the gateway's connection has taken so far. */
    long written() {
        return written.get();
    }

    @Override
    void serve(Socket socket) throws IOException {
        socket.setSendBufferSize(64 * 1024);
        InputStream in = socket.getInputStream();
        skipHead(in);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[16 * 1024];
        if (resetAfter > 0) {
            out.write(chunk, 0, resetAfter);
            out.flush();
            written.addAndGet(resetAfter);
            socket.setSoLinger(true, 0);
            return;
        }
        for (long left = size; left > 0; ) {
            int length = (int) Math.min(chunk.length, left);
            out.write(chunk, 0, length);
            written.addAndGet(length);
            left -= length;
        }
        out.flush();
        in.readAllBytes();
    }
}
