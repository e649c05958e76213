package io.lintel.core.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP/2 client over a plain socket (prior knowledge, h2c) that writes frames exactly as a test says, in the order
 * and grouping it says: what an attacker does (HEADERS and RST_STREAM in one write, floods of SETTINGS or PING,
 * targets no library client would send). Frames are buffered until {@link #flush()}, so that a test decides what
 * reaches the server in one segment. Header blocks are HPACK-coded with Netty's coder, without validation, and the
 * server's SETTINGS are acknowledged while reading. Not thread-safe.
 */
public final class RawHttp2Client implements AutoCloseable {

    public static final int DATA = 0;
    public static final int HEADERS = 1;
    public static final int RST_STREAM = 3;
    public static final int SETTINGS = 4;
    public static final int PING = 6;
    public static final int WINDOW_UPDATE = 8;
    public static final int GOAWAY = 7;
    public static final int CONTINUATION = 9;

    public static final int FLAG_END_STREAM = 0x1;
    public static final int FLAG_ACK = 0x1;
    public static final int FLAG_END_HEADERS = 0x4;

    /** RFC 9113 error codes the tests look for. */
    public static final long CANCEL = 0x8;
    public static final long ENHANCE_YOUR_CALM = 0xb;

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Http2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE,
            true);
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
    private int framesRead;

    private RawHttp2Client(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port} and sends the preface and an empty SETTINGS frame. */
    public static RawHttp2Client connect(int port) throws IOException {
        return connect(port, 0);
    }

    /**
     * As {@link #connect(int)}, with a receive buffer of {@code receiveBufferBytes} when it is positive: a client that
     * does not read fills it, and the server's socket, sooner.
     */
    public static RawHttp2Client connect(int port, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        RawHttp2Client client = new RawHttp2Client(socket);
        client.pending.write(PREFACE);
        client.frame(SETTINGS, 0, 0, new byte[0]);
        client.flush();
        return client;
    }

    /** Request headers for {@code method} on {@code authority} and {@code path} (none of them validated). */
    public static Http2Headers request(String method, String authority, String path) {
        Http2Headers headers = new DefaultHttp2Headers(false).method(method).scheme("http").authority(authority);
        if (path != null) {
            headers.path(path);
        }
        return headers;
    }

    /** Queues a HEADERS frame (one frame: the block must fit 16 KiB). */
    public RawHttp2Client headers(int streamId, Http2Headers headers, boolean endStream) throws IOException {
        ByteBuf block = Unpooled.buffer();
        try {
            encoder.encodeHeaders(streamId, headers, block);
            byte[] bytes = new byte[block.readableBytes()];
            block.readBytes(bytes);
            return frame(HEADERS, FLAG_END_HEADERS | (endStream ? FLAG_END_STREAM : 0), streamId, bytes);
        } catch (Http2Exception e) {
            throw new IOException(e);
        } finally {
            block.release();
        }
    }

    public RawHttp2Client data(int streamId, byte[] payload, boolean endStream) throws IOException {
        return frame(DATA, endStream ? FLAG_END_STREAM : 0, streamId, payload);
    }

    public RawHttp2Client rstStream(int streamId, long errorCode) throws IOException {
        return frame(RST_STREAM, 0, streamId, int32(errorCode));
    }

    /** An empty SETTINGS frame (it asks for an acknowledgement). */
    public RawHttp2Client settings() throws IOException {
        return frame(SETTINGS, 0, 0, new byte[0]);
    }

    public RawHttp2Client ping(long opaque) throws IOException {
        byte[] payload = new byte[8];
        for (int i = 0; i < 8; i++) {
            payload[i] = (byte) (opaque >>> (56 - 8 * i));
        }
        return frame(PING, 0, 0, payload);
    }

    /** Queues any frame. */
    public RawHttp2Client frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        int length = payload.length;
        pending.write(length >>> 16);
        pending.write(length >>> 8);
        pending.write(length);
        pending.write(type);
        pending.write(flags);
        pending.write(int32(streamId & 0x7fffffffL));
        pending.write(payload);
        return this;
    }

    /** Writes what was queued, in one write. */
    public void flush() throws IOException {
        out.write(pending.toByteArray());
        out.flush();
        pending.reset();
    }

    /** The next frame from the server; acknowledges the server's SETTINGS on the way. */
    public Frame readFrame() throws IOException {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int streamId = in.readInt() & 0x7fffffff;
        byte[] payload = new byte[length];
        in.readFully(payload);
        framesRead++;
        if (type == SETTINGS && (flags & FLAG_ACK) == 0) {
            frame(SETTINGS, FLAG_ACK, 0, new byte[0]);
            flush();
        }
        return new Frame(type, flags, streamId, payload);
    }

    /**
     * Reads until stream {@code streamId} ends: its response (status, headers, body), or its reset; frames of other
     * streams are skipped. A GOAWAY or the end of the connection first is an {@link IOException}.
     */
    public Response awaitResponse(int streamId) throws IOException {
        return awaitResponses(List.of(streamId)).get(streamId);
    }

    /**
     * Reads until each of {@code streamIds} has ended (its response, or its reset), as {@link #awaitResponse} for
     * one; frames of other streams are skipped. A GOAWAY or the end of the connection first is an
     * {@link IOException}.
     */
    public Map<Integer, Response> awaitResponses(Collection<Integer> streamIds) throws IOException {
        Map<Integer, Http2Headers> heads = new HashMap<>();
        Map<Integer, ByteArrayOutputStream> bodies = new HashMap<>();
        Map<Integer, ByteArrayOutputStream> blocks = new HashMap<>();
        Map<Integer, Response> ended = new LinkedHashMap<>();
        while (ended.size() < streamIds.size()) {
            Frame frame = readFrame();
            if (frame.type() == GOAWAY) {
                throw new IOException("GOAWAY " + frame.errorCode() + " before streams " + streamIds + " ended");
            }
            int streamId = frame.streamId();
            if (!streamIds.contains(streamId) || ended.containsKey(streamId)) {
                continue;
            }
            ByteArrayOutputStream body = bodies.computeIfAbsent(streamId, id -> new ByteArrayOutputStream());
            switch (frame.type()) {
                case RST_STREAM -> {
                    ended.put(streamId, new Response(heads.get(streamId), body.toString(StandardCharsets.UTF_8),
                            frame.errorCode()));
                    continue;
                }
                case HEADERS, CONTINUATION -> {
                    ByteArrayOutputStream block = blocks.computeIfAbsent(streamId, id -> new ByteArrayOutputStream());
                    block.write(frame.type() == HEADERS ? headerBlock(frame) : frame.payload());
                    if ((frame.flags() & FLAG_END_HEADERS) != 0) {
                        Http2Headers decoded = decode(streamId, block.toByteArray());
                        blocks.remove(streamId);
                        Http2Headers head = heads.get(streamId);
                        if (head == null || decoded.status() == null) {
                            // the first (final) head, or trailers after it
                            if (head == null && decoded.status() != null && decoded.status().charAt(0) == '1') {
                                continue; // an interim response
                            }
                            heads.putIfAbsent(streamId, decoded);
                        }
                    }
                }
                case DATA -> body.write(frame.payload());
                default -> {
                    continue;
                }
            }
            if ((frame.flags() & FLAG_END_STREAM) != 0 && frame.type() != CONTINUATION
                    && !blocks.containsKey(streamId)) {
                ended.put(streamId, new Response(heads.get(streamId), body.toString(StandardCharsets.UTF_8), -1));
            }
        }
        return ended;
    }

    /** Queues a WINDOW_UPDATE of {@code increment} bytes for a stream, or for the connection (stream 0). */
    public RawHttp2Client windowUpdate(int streamId, int increment) throws IOException {
        return frame(WINDOW_UPDATE, 0, streamId, int32(increment));
    }

    /**
     * Reads (and drops) what the server sends until it sends GOAWAY, returning its error code, or closes the
     * connection, returning -1; a read that times out is an {@link IOException}.
     */
    public long awaitGoAwayOrClose() throws IOException {
        try {
            while (true) {
                Frame frame = readFrame();
                if (frame.type() == GOAWAY) {
                    return frame.errorCode();
                }
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (EOFException e) {
            return -1;
        } catch (IOException e) {
            // a reset of a connection the server closed with our frames unread
            return -1;
        }
    }

    /** Frames read from the server so far. */
    public int framesRead() {
        return framesRead;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private Http2Headers decode(int streamId, byte[] block) throws IOException {
        ByteBuf buffer = Unpooled.wrappedBuffer(block);
        try {
            return decoder.decodeHeaders(streamId, buffer);
        } catch (Http2Exception e) {
            throw new IOException(e);
        } finally {
            buffer.release();
        }
    }

    /** The header block of a HEADERS frame, without padding and priority. */
    private static byte[] headerBlock(Frame frame) {
        byte[] payload = frame.payload();
        int start = 0;
        int end = payload.length;
        if ((frame.flags() & 0x8) != 0) { // PADDED
            end -= payload[0] & 0xff;
            start = 1;
        }
        if ((frame.flags() & 0x20) != 0) { // PRIORITY
            start += 5;
        }
        byte[] block = new byte[end - start];
        System.arraycopy(payload, start, block, 0, block.length);
        return block;
    }

    private static byte[] int32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** One frame as received. */
    public record Frame(int type, int flags, int streamId, byte[] payload) {

        /** The error code of a RST_STREAM or GOAWAY frame. */
        public long errorCode() {
            int offset = type == GOAWAY ? 4 : 0;
            return (payload[offset] & 0xffL) << 24 | (payload[offset + 1] & 0xffL) << 16
                    | (payload[offset + 2] & 0xffL) << 8 | payload[offset + 3] & 0xffL;
        }
    }

    /**
     * A stream's outcome: its response head (null when it was reset first) and body, and the reset's error code (-1
     * when it was not reset).
     */
    public record Response(Http2Headers headers, String body, long resetCode) {

        /** The {@code :status}, or 0 without a response head. */
        public int status() {
            return headers == null || headers.status() == null ? 0 : Integer.parseInt(headers.status().toString());
        }
    }
}
