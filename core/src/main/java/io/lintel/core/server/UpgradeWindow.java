package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;

/**
 * Closes the h2c upgrade window after the first request that was not an upgrade: clients upgrade on their first
 * request, and the {@link HttpServerUpgradeHandler} would otherwise inspect (and retain and release) every later
 * message of the connection.
 */
final class UpgradeWindow extends ChannelInboundHandlerAdapter {

    /** The name of this handler in a connection's pipeline, removed too when the connection switches to HTTP/2. */
    static final String NAME = "h2c-upgrade-window";

    private final HttpServerUpgradeHandler upgrade;

    UpgradeWindow(HttpServerUpgradeHandler upgrade) {
        this.upgrade = requireNonNull(upgrade, "upgrade");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            // The upgrade handler let this request pass, so the connection stays HTTP/1.1.
            if (ctx.pipeline().context(upgrade) != null) {
                ctx.pipeline().remove(upgrade);
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }
}
