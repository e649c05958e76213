package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import java.util.function.Supplier;

/**
 * The h2c upgrade window of a clear-text connection: its first request. Clients upgrade on their first request, so
 * only a first request that carries {@code Upgrade} gets an {@link HttpServerUpgradeHandler}, added behind the codec
 * when that request arrives; whatever the first request was, the window closes after it (this handler and the upgrade
 * handler, if it let the request pass, leave the pipeline).
 *
 * <p>Why not an upgrade handler on every connection, as Netty's {@code CleartextHttp2ServerUpgradeHandler} sets up:
 * it is an {@code HttpObjectAggregator}, built and taken down again for every connection although almost none
 * upgrades. With 64 fresh connections at once that work, too rarely run to be compiled, held the event loop for tens of
 * milliseconds (docs/scale.md, "HTTP/1.1 p99").
 */
final class UpgradeWindow extends ChannelInboundHandlerAdapter {

    /** The name of this handler in a connection's pipeline, removed too when the connection switches to HTTP/2. */
    static final String NAME = "h2c-upgrade-window";

    /** The name of the upgrade handler while the first request is an upgrade candidate. */
    static final String UPGRADE_NAME = "h2c-upgrade";

    private final String codecName;
    private final Supplier<HttpServerUpgradeHandler> upgrades;
    private boolean upgradeAdded;

    /**
     * @param codecName the name of the connection's HTTP/1.1 server codec, behind which the upgrade handler goes
     * @param upgrades makes the upgrade handler, for a first request that asks to upgrade
     */
    UpgradeWindow(String codecName, Supplier<HttpServerUpgradeHandler> upgrades) {
        this.codecName = requireNonNull(codecName, "codecName");
        this.upgrades = requireNonNull(upgrades, "upgrades");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        if (!upgradeAdded && request.headers().contains(HttpHeaderNames.UPGRADE)) {
            upgradeAdded = true;
            pipeline.addAfter(codecName, UPGRADE_NAME, upgrades.get());
            // the request has already passed the codec's old successor: fired from the codec again, it goes through
            // the upgrade handler, which either upgrades the connection or hands the request back to this window
            pipeline.context(codecName).fireChannelRead(msg);
            return;
        }
        // the upgrade handler let the first request pass (or there was none): the connection stays HTTP/1.1
        if (upgradeAdded && pipeline.context(UPGRADE_NAME) != null) {
            pipeline.remove(UPGRADE_NAME);
        }
        pipeline.remove(this);
        ctx.fireChannelRead(msg);
    }
}
