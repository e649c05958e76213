package io.lintel.plugin.policy.ratelimit;

import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * What a request is counted by for one limit, made of objects the request already holds, so that the local path
 * allocates nothing for it: the client's {@link InetAddress} (TCP peer), the header's value as received, or one shared
 * object.
 */
final class LimitKeys {

    /** The key of a limit of type None: one count for every request of the rule. */
    static final Object EVERY_REQUEST = new Object() {
        @Override
        public String toString() {
            return "all";
        }
    };

    /**
     * The key of requests without the limit's header: they share one count, so that leaving the header out does not
     * escape the limit.
     */
    static final Object NO_HEADER = new Object() {
        @Override
        public String toString() {
            return "no-header";
        }
    };

    private LimitKeys() {}

    static Object keyOf(Limit limit, HttpRequestHead request, HttpRequestContext context) {
        return switch (limit.key()) {
            case None -> EVERY_REQUEST;
            case Header -> {
                String value = request.headers().get(limit.header());
                yield value == null ? NO_HEADER : value;
            }
            case ClientIP -> clientAddress(context.remoteAddress());
        };
    }

    private static Object clientAddress(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet) {
            InetAddress address = inet.getAddress();
            return address != null ? address : inet.getHostString();
        }
        return remote;
    }

    /**
     * The key as text, for a Redis key: {@code ip=<address>}, {@code h=<header value as received>}, or the name of a
     * shared key ({@code all}, {@code no-header}), which no client value can spell.
     */
    static String text(Object key) {
        if (key instanceof InetAddress address) {
            return "ip=" + address.getHostAddress();
        }
        if (key instanceof String value) {
            return "h=" + value;
        }
        return key.toString();
    }
}
