package io.lintel.spi.filter;

import java.util.concurrent.CompletionStage;

/**
 * A runtime filter: one decorator around the rest of the chain. It may answer directly
 * ({@link HttpNext#respond}), call {@link HttpNext#proceed} once (changing the request before and the response
 * after), several times (retry) or additionally elsewhere (mirror).
 *
 * <p>Core creates one instance per rule and filter position ({@link HttpFilterFactory#create(FilterSpec, RuleRef)}),
 * so state kept in it (a budget, a counter) is the rule's; the instance serves every request of its rule on every
 * event loop, so that state must be thread-safe. It runs on the event loop of the exchange and must never block; its
 * stage is completed on that event loop (or {@link HttpNext#proceed} is called from elsewhere, and hops back). What
 * else it may know of the request (client, TLS, rule, body, attributes, the exchange's end) is in
 * {@link HttpNext#context()}.
 */
@FunctionalInterface
public interface HttpFilter {

    CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next);

    /**
     * Whether this filter reads the request body ({@link HttpRequestContext#requestBody()}). When a filter of a rule
     * says so, core reads the whole body, up to its bound (413 beyond it), before the rule's first filter runs, so
     * the body no longer streams for that rule; ask only when the body is needed. Read once, when the rule is
     * compiled. False by default.
     */
    default boolean needsRequestBody() {
        return false;
    }
}
