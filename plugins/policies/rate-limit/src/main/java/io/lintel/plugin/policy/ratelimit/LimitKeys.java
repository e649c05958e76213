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
            return "*";
        }
    };

    /**
     * The key of requests without the limit's header: they share one count, so that leaving the header out does not
     * escape the limit.
     */
    static final Object NO_HEADER = new Object() {
        @Override
        public String toString() {
            return "-";
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

    /** The key as text, for a Redis key: an address without host name, a header value as received. */
    static String text(Object key) {
        return key instanceof InetAddress address ? address.getHostAddress() : key.toString();
    }
}
