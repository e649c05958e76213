package io.lintel.testkit;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The rest of a chain: records what a filter did with it. {@link #proceed} answers with the stage given to
 * {@link #answering} (by default, at once, 200 with no headers); {@link #respond} builds a {@link FakeResponseHead};
 * {@link #callout} answers with the function given to {@link #calloutsAnswering} (by default, it fails).
 */
public final class FakeNext implements HttpNext {

    private final List<HttpRequestHead> proceeded = new ArrayList<>();
    private final List<Responded> responded = new ArrayList<>();
    private CompletableFuture<HttpResponseHead> answer =
            CompletableFuture.completedFuture(new FakeResponseHead(200, new FakeHeaders()));
    private HttpRequestContext context;
    private final List<Callout> callouts = new ArrayList<>();
    private Function<CalloutRequest, CompletionStage<CalloutResponse>> calloutAnswer =
            request -> CompletableFuture.failedFuture(new IllegalStateException("no callout answer was set"));

    /** What {@link #respond} was called with. */
    public record Responded(int status, String contentType, byte[] body) {}

    /** What {@link #callout} was called with. */
    public record Callout(FilterBackend backend, CalloutRequest request) {}

    /** Makes {@link #callout} answer with {@code answer}'s stage for each request. */
    public FakeNext calloutsAnswering(Function<CalloutRequest, CompletionStage<CalloutResponse>> answer) {
        this.calloutAnswer = requireNonNull(answer, "answer");
        return this;
    }

    /** Makes {@link #proceed} answer with {@code answer}. */
    public FakeNext answering(CompletableFuture<HttpResponseHead> answer) {
        this.answer = requireNonNull(answer, "answer");
        return this;
    }

    /** Makes {@link #context()} return {@code context} (e.g. a {@link FakeRequestContext}). */
    public FakeNext withContext(HttpRequestContext context) {
        this.context = requireNonNull(context, "context");
        return this;
    }

    @Override
    public HttpRequestContext context() {
        return context != null ? context : HttpNext.super.context();
    }

    @Override
    public CompletionStage<HttpResponseHead> proceed(HttpRequestHead request) {
        proceeded.add(request);
        return answer;
    }

    @Override
    public HttpResponseHead respond(int status, String contentType, byte[] body) {
        responded.add(new Responded(status, contentType, body));
        return new FakeResponseHead(status, new FakeHeaders());
    }

    @Override
    public CompletionStage<CalloutResponse> callout(FilterBackend backend, CalloutRequest request) {
        callouts.add(new Callout(backend, request));
        return calloutAnswer.apply(request);
    }

    public List<Callout> callouts() {
        return List.copyOf(callouts);
    }

    public List<HttpRequestHead> proceeded() {
        return List.copyOf(proceeded);
    }

    public List<Responded> responded() {
        return List.copyOf(responded);
    }
}
