package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ProxyContext;
import io.lintel.core.proxy.ProxyHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;

/**
 * The pipeline of an accepted clear-text connection: idle timeout, then HTTP/1.1 with h2c detection (prior
 * knowledge by {@link PrefaceSwitch}, {@code Upgrade: h2c} in the {@link UpgradeWindow}, both set up so that a plain
 * HTTP/1.1 connection builds nothing it does not use), then the HTTP/1.1 {@link ProxyHandler}. Around the HTTP/1.1 codec sit the
 * {@link RequestReadTimeouts} (raw bytes before it, messages after it) and after it the {@link RequestGuard}, so that
 * every request is timed, checked and normalised before the proxy handler routes it (docs/hardening.md). On a TLS socket,
 * {@link TlsChannelInitializer} puts SNI, TLS and ALPN in front and calls {@link #addHttp1} or
 * {@link H2cUpgradeSupport#addHttp2} once the protocol is known.
 */
public final class FrontendChannelInitializer extends ChannelInitializer<Channel> {

    /** The name of the HTTP/1.1 server codec in a connection's pipeline. */
    static final String HTTP1_CODEC = "http1";

    /** Largest body of an {@code Upgrade} request the upgrade handler buffers. */
    private static final int MAX_UPGRADE_CONTENT = 65536;

    private final ProxyContext context;
    private final DataPlaneSettings settings;
    private final ChannelGroup connections;
    private final H2cUpgradeSupport h2c;

    /**
     * @param connections every accepted connection is added (and removed when it closes), so that shutdown can close
     *     them
     */
    public FrontendChannelInitializer(ProxyContext context, DataPlaneSettings settings, ChannelGroup connections) {
        this.context = requireNonNull(context, "context");
        this.settings = requireNonNull(settings, "settings");
        this.connections = requireNonNull(connections, "connections");
        this.h2c = new H2cUpgradeSupport(context, settings);
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = ClientIdle.start(channel, settings, connections);
        RequestReadTimeouts timeouts = newRequestReadTimeouts();
        pipeline.addLast(RequestReadTimeouts.BYTES_NAME, timeouts.bytesHandler());
        HttpServerCodec codec = newHttpCodec();
        pipeline.addLast(PrefaceSwitch.NAME, new PrefaceSwitch(HTTP1_CODEC, h2c.priorKnowledgeHandler()));
        pipeline.addLast(HTTP1_CODEC, codec);
        pipeline.addLast(UpgradeWindow.NAME, new UpgradeWindow(HTTP1_CODEC,
                () -> new HttpServerUpgradeHandler(codec, h2c::upgradeCodec, MAX_UPGRADE_CONTENT)));
        pipeline.addLast(RequestReadTimeouts.MESSAGES_NAME, timeouts.messagesHandler());
        pipeline.addLast(RequestGuard.NAME, RequestGuard.HTTP1);
        pipeline.addLast(H2cUpgradeSupport.HTTP1_PROXY, new ProxyHandler(context, false));
    }

    /** Adds plain HTTP/1.1 (no h2c detection) at the end of a pipeline, e.g. after TLS with ALPN http/1.1. */
    void addHttp1(ChannelPipeline pipeline) {
        RequestReadTimeouts timeouts = newRequestReadTimeouts();
        pipeline.addLast(RequestReadTimeouts.BYTES_NAME, timeouts.bytesHandler());
        pipeline.addLast(HTTP1_CODEC, newHttpCodec());
        pipeline.addLast(RequestReadTimeouts.MESSAGES_NAME, timeouts.messagesHandler());
        pipeline.addLast(RequestGuard.NAME, RequestGuard.HTTP1);
        pipeline.addLast(H2cUpgradeSupport.HTTP1_PROXY, new ProxyHandler(context, false));
    }

    private RequestReadTimeouts newRequestReadTimeouts() {
        return new RequestReadTimeouts(settings.requestHeadTimeout().toNanos(),
                settings.requestBodyIdleTimeout().toNanos());
    }

    private HttpServerCodec newHttpCodec() {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxInitialLineLength())
                .setMaxHeaderSize(settings.maxHeaderSize())
                .setMaxChunkSize(settings.maxChunkSize()));
    }
}
