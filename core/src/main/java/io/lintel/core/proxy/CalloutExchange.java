package io.lintel.core.proxy;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@link CalloutRequest} a filter sends and waits for: writes it whole on a pooled (or new) connection of the
 * event loop's {@link BackendConnectionPool}, gathers the response up to the request's bound, and completes
 * {@link #result()} on the event loop. The connection goes back to the pool when the response ended cleanly and
 * allows it; any failure closes it. A pooled connection the backend had closed before answering is replaced once.
 *
 * <p>Runs on the pool's event loop; no locks.
 */
final class CalloutExchange implements BackendListener {

    private final BackendConnectionPool pool;
    private final BackendEndpoint endpoint;
    private final CalloutRequest request;
    private final CompletableFuture<CalloutResponse> result = new CompletableFuture<>();
    private BackendHandler backend;
    private boolean reusedConnection;
    private boolean answerStarted;
    private HttpResponse head;
    private ByteArrayOutputStream body;
    private ScheduledFuture<?> timeout;

    private CalloutExchange(BackendConnectionPool pool, BackendEndpoint endpoint, CalloutRequest request) {
        this.pool = pool;
        this.endpoint = endpoint;
        this.request = request;
    }

    /** Starts a callout to {@code endpoint}; call on the pool's event loop. */
    static CompletableFuture<CalloutResponse> send(BackendConnectionPool pool, BackendEndpoint endpoint,
            CalloutRequest request) {
        CalloutExchange callout = new CalloutExchange(pool, endpoint, request);
        callout.start();
        return callout.result;
    }

    private void start() {
        timeout = pool.eventLoop().schedule(this::onTimeout, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        BackendHandler idle = pool.pollIdle(endpoint);
        if (idle != null) {
            reusedConnection = true;
            write(idle);
        } else {
            connect();
        }
    }

    private void connect() {
        reusedConnection = false;
        Future<BackendHandler> future = pool.open(endpoint);
        future.addListener(f -> {
            if (!f.isSuccess()) {
                fail(new IOException("cannot connect to " + endpoint + ": " + f.cause(), f.cause()));
                return;
            }
            BackendHandler handler = future.getNow();
            if (result.isDone()) {
                pool.release(handler);
            } else {
                write(handler);
            }
        });
    }

    private void write(BackendHandler handler) {
        backend = handler;
        handler.attach(this);
        Channel channel = handler.channel();
        // head and end apart, as the data plane writes every request (a protocol plugin's codec expects that)
        channel.write(httpHead(), channel.voidPromise());
        channel.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(request.body())),
                channel.voidPromise());
        channel.read();
    }

    private HttpRequest httpHead() {
        HttpRequest out = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                request.pathAndQuery());
        HttpHeaders headers = out.headers();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        HopByHopHeaders.strip(out, false);
        headers.set(HttpHeaderNames.HOST, request.authority());
        headers.set(HttpHeaderNames.CONTENT_LENGTH, request.body().length);
        return out;
    }

    CompletableFuture<CalloutResponse> result() {
        return result;
    }

    @Override
    public void onBackendMessage(HttpObject message) {
        try {
            if (result.isDone()) {
                return;
            }
            answerStarted = true;
            if (message.decoderResult().isFailure()) {
                fail(new IOException(endpoint + " sent a response that does not parse: "
                        + message.decoderResult().cause()));
                return;
            }
            if (message instanceof HttpResponse response) {
                if (response.status().code() < 200) {
                    return; // an interim response (100 Continue): the final one follows
                }
                head = response;
                body = new ByteArrayOutputStream();
            }
            if (head == null) {
                return;
            }
            if (message instanceof HttpContent part) {
                ByteBuf bytes = part.content();
                if (body.size() + bytes.readableBytes() > request.maxResponseBytes()) {
                    fail(new IOException(endpoint + " sent a response body longer than " + request.maxResponseBytes()
                            + " bytes"));
                    return;
                }
                bytes.readBytes(body, bytes.readableBytes());
            }
            if (message instanceof LastHttpContent last) {
                succeed(last.trailingHeaders());
            }
        } catch (IOException e) {
            fail(e);
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void succeed(HttpHeaders trailingHeaders) {
        boolean reuse = HopByHopHeaders.keepAlive(head);
        // the response's own connection headers, and those Netty's HTTP/2 conversion adds, mean nothing to a filter
        HopByHopHeaders.strip(head, true);
        List<Map.Entry<String, String>> headers = new ArrayList<>(head.headers().size());
        for (Map.Entry<String, String> header : head.headers()) {
            headers.add(Map.entry(header.getKey(), header.getValue()));
        }
        List<Map.Entry<String, String>> trailers = new ArrayList<>(trailingHeaders.size());
        for (Map.Entry<String, String> trailer : trailingHeaders) {
            trailers.add(Map.entry(trailer.getKey(), trailer.getValue()));
        }
        CalloutResponse response = new CalloutResponse(head.status().code(), headers, body.toByteArray(), trailers);
        finish(reuse);
        result.complete(response);
    }

    @Override
    public void onBackendBytes(ByteBuf bytes) {
        // a callout never asks to switch protocols
        bytes.release();
    }

    @Override
    public void onBackendReadComplete() {
        if (!result.isDone() && backend != null) {
            backend.channel().read();
        }
    }

    @Override
    public void onBackendWritable() {
        // the request is written whole at once
    }

    @Override
    public void onBackendClosed() {
        if (result.isDone()) {
            return;
        }
        backend = null;
        if (reusedConnection && !answerStarted) {
            // most likely the backend's keep-alive timeout racing the reuse: nothing was processed, try a new one
            connect();
            return;
        }
        fail(new IOException(endpoint + " closed the connection before the response ended"));
    }

    private void onTimeout() {
        fail(new TimeoutException(endpoint + " did not answer within " + request.timeout().toMillis() + " ms"));
    }

    private void fail(Exception cause) {
        if (result.isDone()) {
            return;
        }
        finish(false);
        result.completeExceptionally(cause);
    }

    private void finish(boolean reuse) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        BackendHandler current = backend;
        backend = null;
        if (current != null) {
            current.detach();
            if (reuse && current.channel().isActive()) {
                pool.release(current);
            } else {
                current.channel().close();
            }
        }
    }
}
