package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SniHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of an accepted connection on an HTTPS socket: idle timeout, an {@link SniHandler} that picks the
 * certificate of the listener matching the client's server name (from the current route table) and becomes the
 * {@code SslHandler}, then ALPN: {@code h2} gets the HTTP/2 handlers, {@code http/1.1} (or no ALPN) the HTTP/1.1
 * codec and proxy handler of the clear-text frontend. Requests are routed by their Host or {@code :authority}, as on
 * clear text.
 */
final class TlsChannelInitializer extends ChannelInitializer<Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(TlsChannelInitializer.class);

    /**
     * How long a client may take to send its ClientHello, on HTTPS and TLS sockets alike; the SslHandler's own timeout
     * covers the rest.
     */
    static final long CLIENT_HELLO_TIMEOUT_MILLIS = 10_000;

    private final SniSslContexts contexts;
    private final DataPlaneSettings settings;
    private final ChannelGroup connections;
    private final FrontendChannelInitializer http1;
    private final H2cUpgradeSupport http2;

    TlsChannelInitializer(SniSslContexts contexts, DataPlaneSettings settings, ChannelGroup connections,
            FrontendChannelInitializer http1, H2cUpgradeSupport http2) {
        this.contexts = requireNonNull(contexts, "contexts");
        this.settings = requireNonNull(settings, "settings");
        this.connections = requireNonNull(connections, "connections");
        this.http1 = requireNonNull(http1, "http1");
        this.http2 = requireNonNull(http2, "http2");
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = ClientIdle.start(channel, settings, connections);
        pipeline.addLast("first-read", new FirstRead());
        pipeline.addLast("sni", new ServerNameRecordingSniHandler(contexts, CLIENT_HELLO_TIMEOUT_MILLIS));
        pipeline.addLast("alpn", new Alpn());
    }

    /**
     * Puts TLS termination (SNI certificate choice, then ALPN) after the handler named {@code after}: for a
     * connection that a TLS socket's router hands to its HTTPS listeners.
     */
    void addTermination(ChannelPipeline pipeline, String after) {
        pipeline.addAfter(after, "sni", new ServerNameRecordingSniHandler(contexts, CLIENT_HELLO_TIMEOUT_MILLIS));
        pipeline.addAfter("sni", "alpn", new Alpn());
    }

    /**
     * Puts TLS termination alone (SNI certificate choice, no ALPN, no HTTP) after the handler named {@code after}: for
     * a connection that a TLS listener in Terminate mode relays decrypted.
     */
    void addDecryption(ChannelPipeline pipeline, String after) {
        pipeline.addAfter(after, "sni", new SniHandler(contexts, 0, CLIENT_HELLO_TIMEOUT_MILLIS));
    }

    /**
     * AUTO_READ is off on client connections: asks for the first bytes (the ClientHello); the SNI and SSL handlers
     * read on during the handshake by themselves.
     */
    static final class FirstRead extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.fireChannelActive();
            ctx.read();
            ctx.pipeline().remove(this);
        }
    }

    /** Installs HTTP/2 or HTTP/1.1 once the handshake has chosen; buffers what arrives before (Netty does). */
    private final class Alpn extends ApplicationProtocolNegotiationHandler {

        Alpn() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                // switches AUTO_READ on: HTTP/2 flow control is per stream
                http2.addHttp2(ctx.pipeline());
                return;
            }
            http1.addHttp1(ctx.pipeline());
            // the proxy handler arrives after channelActive, which is where it would ask for the first request
            ctx.channel().read();
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            // clients that do not trust the certificate, scanners, plain HTTP sent to the TLS port: not our error
            LOG.debug("{}: TLS handshake failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{}: TLS connection failed before a protocol was chosen: {}", ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        }
    }
}
