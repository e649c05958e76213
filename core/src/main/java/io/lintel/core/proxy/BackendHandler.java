package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a backend connection, or of one stream of a shared HTTP/2 connection
 * ({@link Http2BackendStreams}): hands response parts to the exchange it is attached to, and closes the connection
 * when it is idle in the pool and the backend sends something anyway, or it stays idle too long. A stream serves one
 * exchange and is never pooled: closing it resets that stream alone.
 */
public final class BackendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(BackendHandler.class);

    private final BackendConnectionPool pool;
    private final BackendEndpoint endpoint;
    private Channel channel;
    private BackendListener listener;
    private boolean reused;

    /** The name of core's own HTTP/1.1 codec in the pipeline of a connection without protocol plugin. */
    static final String HTTP_CODEC = "http-codec";

    /** The protocol plugin speaking on this connection, or null for core's own HTTP/1.1 codec. */
    private final BackendProtocolFactory protocol;
    /** What the protocol plugin was given of this connection (null without plugin). */
    private final ProtocolChannelSetup setup;

    /**
     * @param protocol the backend protocol plugin whose handlers are in front, or null for Lintel's own HTTP/1.1
     *     codec (which encodes a {@code FullHttpRequest}; a plugin's handlers may expect head and last part
     *     separately)
     * @param setup what {@code protocol} was initialised with (null when {@code protocol} is)
     */
    BackendHandler(BackendConnectionPool pool, BackendEndpoint endpoint, BackendProtocolFactory protocol,
            ProtocolChannelSetup setup) {
        this.pool = requireNonNull(pool, "pool");
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.protocol = protocol;
        this.setup = setup;
    }

    /** The handler of a connection made by {@link BackendConnectionPool#connect}. */
    static BackendHandler of(Channel channel) {
        return channel.pipeline().get(BackendHandler.class);
    }

    public BackendEndpoint endpoint() {
        return endpoint;
    }

    public Channel channel() {
        return channel;
    }

    /** Whether a bodyless request may be written as one {@code FullHttpRequest} instead of head and last part. */
    boolean acceptsFullRequests() {
        return protocol == null;
    }

    /**
     * The backend answered 101 to an upgrade the client asked for: takes the connection out of HTTP so that bytes
     * flow as they come. Core's own codec is simply removed (a plain HTTP/1.1 upgrade, as the Gateway API requires
     * without any plugin); a protocol plugin decides itself ({@link BackendProtocolFactory#switchProtocols}).
     *
     * @return whether the connection now relays bytes; false when the plugin refused the switch
     */
    boolean switchProtocols() {
        if (protocol != null) {
            return protocol.switchProtocols(setup);
        }
        HttpClientCodec codec = channel.pipeline().get(HttpClientCodec.class);
        if (codec != null) {
            // its decoder hands on, as bytes, whatever it read past the 101
            channel.pipeline().remove(codec);
        }
        return true;
    }

    /** Whether this connection served an exchange before the current one. */
    boolean reused() {
        return reused;
    }

    void attach(BackendListener exchange) {
        listener = requireNonNull(exchange, "exchange");
    }

    /** Ends the current exchange; the next attach counts as reuse. */
    void detach() {
        listener = null;
        reused = true;
    }

    boolean isAttached() {
        return listener != null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        BackendListener current = listener;
        if (current != null && msg instanceof HttpObject http) {
            current.onBackendMessage(http);
            return;
        }
        if (current != null && msg instanceof io.netty.buffer.ByteBuf bytes) {
            // the HTTP decoder passes the bytes after a 101 response on undecoded
            current.onBackendBytes(bytes);
            return;
        }
        ReferenceCountUtil.release(msg);
        if (current == null) {
            // Nothing may arrive on an idle connection; whatever it is, the connection cannot be trusted.
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        BackendListener current = listener;
        if (current != null) {
            current.onBackendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        BackendListener current = listener;
        if (current != null && ctx.channel().isWritable()) {
            current.onBackendWritable();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.onClosed(this);
        BackendListener current = listener;
        listener = null;
        if (current != null) {
            current.onBackendClosed();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && listener == null) {
            ctx.close();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("backend connection to {} failed", endpoint, cause);
        ctx.close();
    }
}
