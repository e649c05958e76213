package io.lintel.plugin.filter.retry;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.NoResponseException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a request again when its response has one of the configured status codes, or when no response came at all,
 * whatever the codes (GEP-1731): a connection that failed, was reset or closed before the response
 * (HTTPRouteRetryConnectionError), or an attempt that exceeded {@code timeouts.backendRequest}
 * (HTTPRouteRetryBackendTimeout). A request with a body is retried
 * only while the data plane can replay it ({@link HttpRequestHead#bodyReplayable()}: core keeps bodies up to 64 KiB,
 * system property {@code lintel.retry.maxBodyBytes}); a larger body is streamed once and its response is final (the
 * client gets the first attempt's status; core counts such requests in
 * {@code lintel_request_body_not_replayable_total}).
 * Each retry waits {@code backoff} and must be afforded by the rule's {@link RetryBudget}. Immutable apart from the
 * budget; thread-safe.
 */
public final class RetryFilter implements HttpFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RetryFilter.class);

    /** Retries a rule may make before its requests have earned any (see {@link RetryBudget}). */
    static final int BUDGET_RESERVE = 10;

    private final RetrySpec spec;
    private final Set<Integer> codes;
    private final RetryBudget budget;

    public RetryFilter(RetrySpec spec) {
        this(spec, new RetryBudget(BUDGET_RESERVE));
    }

    RetryFilter(RetrySpec spec, RetryBudget budget) {
        this.spec = requireNonNull(spec, "spec");
        this.codes = Set.copyOf(spec.codes());
        this.budget = requireNonNull(budget, "budget");
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        budget.onRequest();
        if (spec.attempts() == 0) {
            return next.proceed(request);
        }
        CompletableFuture<HttpResponseHead> result = new CompletableFuture<>();
        attempt(request, next, 0, result);
        return result;
    }

    private void attempt(HttpRequestHead request, HttpNext next, int retries, CompletableFuture<HttpResponseHead> result) {
        CompletionStage<HttpResponseHead> stage;
        try {
            stage = next.proceed(request);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        stage.whenComplete((response, failure) -> {
            if (retries < spec.attempts() && retryable(response, failure) && replayable(request) && budget.tryRetry()) {
                if (spec.backoff().isZero()) {
                    attempt(request, next, retries + 1, result);
                } else {
                    next.schedule(() -> attempt(request, next, retries + 1, result), spec.backoff());
                }
            } else if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(response);
            }
        });
    }

    private boolean retryable(HttpResponseHead response, Throwable failure) {
        if (failure == null) {
            return codes.contains(response.status());
        }
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof NoResponseException;
    }

    private static boolean replayable(HttpRequestHead request) {
        if (!hasBody(request) || request.bodyReplayable()) {
            return true;
        }
        LOG.debug("{} {}: not retried: its body is too large for the data plane to send again",
                request.method(), request.pathAndQuery());
        return false;
    }

    private static boolean hasBody(HttpRequestHead request) {
        String length = request.headers().get("content-length");
        return request.headers().contains("transfer-encoding") || length != null && !length.trim().equals("0");
    }
}
