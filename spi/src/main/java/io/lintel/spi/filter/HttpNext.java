package io.lintel.spi.filter;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The rest of the chain, as seen by one {@link HttpFilter}: later filters, then the backend.
 */
public interface HttpNext {

    /**
     * Sends the request on and completes with the response head when it arrives (the body then streams to the
     * client). Completes exceptionally when no response could be had; core maps that to 502/503/504.
     *
     * <p>{@code request} is the head sent on: core's own head as changed, or one the filter made itself (e.g. a
     * wrapper), whose method, path and headers are then sent (the body and its framing stay the data plane's). May
     * be called from any thread: the rest of the chain then runs on the exchange's event loop. A filter that throws
     * instead of returning a stage gets its request answered 500, and is logged with its rule.
     */
    CompletionStage<HttpResponseHead> proceed(HttpRequestHead request);

    /**
     * Answers the request here, without calling the rest of the chain: returns a response head, with the given body,
     * that the filter may change further and complete its stage with.
     */
    HttpResponseHead respond(int status, String contentType, byte[] body);

    /**
     * Sends a copy of {@code request} as it is now (method, path, headers) and its body, streamed as it arrives, to
     * {@code backend}, fire-and-forget: the answer is discarded, and a copy that cannot be sent or keep up (no
     * endpoint, connection failure, too many copies in flight, more body pending than its bound) is dropped and
     * counted. Never delays, fails or changes this exchange; returns at once. Does nothing for an unresolved backend.
     * The default implementation drops every copy.
     */
    default void mirror(FilterBackend backend, HttpRequestHead request) {}

    /**
     * Sends a request of the filter's own to one endpoint of {@code backend} (a backend its configuration names, see
     * {@link HttpFilterFactory#backendRefFields()}) and completes with the whole response, on the exchange's event
     * loop. Completes exceptionally when the backend is unresolved or has no ready endpoint, the connection fails or
     * closes before the response ended, the response does not parse or its body passes
     * {@link CalloutRequest#maxResponseBytes()}, or the timeout passes ({@link java.util.concurrent.TimeoutException}).
     * Never blocks; may be called from any thread. The default implementation fails every callout.
     */
    default CompletionStage<CalloutResponse> callout(FilterBackend backend, CalloutRequest request) {
        return CompletableFuture.failedFuture(
                new UnsupportedOperationException("callouts are not supported by " + getClass().getName()));
    }

    /**
     * The request's context (client connection, TLS, rule, buffered body, attributes, completion listeners), the same
     * object for every filter of the exchange.
     *
     * @throws UnsupportedOperationException when the chain running the filter has none (a test's stand-in)
     */
    default HttpRequestContext context() {
        throw new UnsupportedOperationException("no request context in " + getClass().getName());
    }

    /**
     * Runs {@code task} on the exchange's event loop after {@code delay} (e.g. a retry's backoff), so that a filter
     * can wait without blocking and still call {@link #proceed} from the right thread. The task runs even when the
     * exchange has ended meanwhile; {@link #proceed} then fails.
     *
     * @throws UnsupportedOperationException when the chain running the filter cannot schedule
     */
    default void schedule(Runnable task, Duration delay) {
        throw new UnsupportedOperationException("scheduling is not supported by " + getClass().getName());
    }
}
