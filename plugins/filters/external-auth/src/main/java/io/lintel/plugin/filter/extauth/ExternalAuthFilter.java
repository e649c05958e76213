package io.lintel.plugin.filter.extauth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.RuleRef;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each request with the authorization service before it goes on, in the spec's protocol
 * ({@link AuthProtocol}): an allowing answer lets it through with the answer's header changes, a denial is relayed
 * to the client, and a service that cannot be asked (no endpoint, connection failure, timeout, an answer that does
 * not parse, is too long, or is not one the protocol allows) gets the request refused with 403: fail closed. A body longer than {@code forwardBody.maxSize} is refused with 413
 * before any check. One filter per rule; the check runs on the exchange's event loop and never blocks it.
 */
final class ExternalAuthFilter implements HttpFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalAuthFilter.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final byte[] NO_BODY = new byte[0];

    private final ExternalAuthSpec spec;
    private final RuleRef rule;
    private final AuthProtocol protocol;
    /** When this rule last logged a failed check, so that a dead service logs once per interval, not per request. */
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    ExternalAuthFilter(ExternalAuthSpec spec, RuleRef rule, AuthProtocol protocol) {
        this.spec = requireNonNull(spec, "spec");
        this.rule = requireNonNull(rule, "rule");
        this.protocol = requireNonNull(protocol, "protocol");
    }

    @Override
    public boolean needsRequestBody() {
        return spec.forwardBodyMaxSize() > 0;
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        if (!spec.backend().resolved()) {
            // the route's status says why (ResolvedRefs=False); the filter must not be skipped
            return answer(next, 500, "the authorization service of this route is not a valid backend\n");
        }
        byte[] body = NO_BODY;
        if (spec.forwardBodyMaxSize() > 0) {
            ByteBuffer received = next.context().requestBody().orElse(ByteBuffer.allocate(0));
            if (received.remaining() > spec.forwardBodyMaxSize()) {
                return answer(next, 413, "the request body is longer than the authorization check takes ("
                        + spec.forwardBodyMaxSize() + " bytes)\n");
            }
            body = new byte[received.remaining()];
            received.duplicate().get(body);
        }
        return next.callout(spec.backend(), protocol.request(spec, request, contextOf(next), body))
                .handle((answer, failure) -> failure == null ? decide(request, next, answer) : refuse(next, failure))
                .thenCompose(stage -> stage);
    }

    private static HttpRequestContext contextOf(HttpNext next) {
        try {
            return next.context();
        } catch (UnsupportedOperationException e) {
            return null; // a chain without context (a test's): the check goes without client addresses
        }
    }

    private CompletionStage<HttpResponseHead> decide(HttpRequestHead request, HttpNext next, CalloutResponse answer) {
        AuthVerdict verdict;
        try {
            verdict = protocol.verdict(spec, answer);
        } catch (IllegalArgumentException e) {
            return refuse(next, e);
        }
        if (verdict instanceof AuthVerdict.Deny deny) {
            HttpResponseHead denied = next.respond(deny.status(), deny.contentType(), deny.body());
            deny.headers().forEach(header -> denied.headers().add(header.getKey(), header.getValue()));
            return CompletableFuture.completedFuture(denied);
        }
        AuthVerdict.Allow allow = (AuthVerdict.Allow) verdict;
        allow.requestRemovals().forEach(request.headers()::remove);
        HeaderChanges.apply(allow.requestChanges(), request.headers());
        CompletionStage<HttpResponseHead> response = next.proceed(request);
        if (allow.responseChanges().isEmpty()) {
            return response;
        }
        return response.thenApply(head -> {
            HeaderChanges.apply(allow.responseChanges(), head.headers());
            return head;
        });
    }

    private CompletionStage<HttpResponseHead> refuse(HttpNext next, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, now)) {
            LOG.warn("{}: the authorization check through {} failed, requests are refused (403): {}", rule,
                    spec.backend().name(), cause instanceof TimeoutException ? cause.getMessage() : cause.toString());
        }
        return answer(next, 403, "the request could not be authorized\n");
    }

    private static CompletionStage<HttpResponseHead> answer(HttpNext next, int status, String message) {
        return CompletableFuture.completedFuture(next.respond(status, TEXT, message.getBytes(UTF_8)));
    }
}
