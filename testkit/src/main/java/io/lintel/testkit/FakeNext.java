package io.lintel.testkit;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The rest of a chain: records what a filter did with it. {@link #proceed} answers with the stage given to
 * {@link #answering} (by default, at once, 200 with no headers); {@link #respond} builds a {@link FakeResponseHead}.
 */
public final class FakeNext implements HttpNext {

    private final List<HttpRequestHead> proceeded = new ArrayList<>();
    private final List<Responded> responded = new ArrayList<>();
    private CompletableFuture<HttpResponseHead> answer =
            CompletableFuture.completedFuture(new FakeResponseHead(200, new FakeHeaders()));
    private HttpRequestContext context;

    /** What {@link #respond} was called with. */
    public record Responded(int status, String contentType, byte[] body) {}

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

    public List<HttpRequestHead> proceeded() {
        return List.copyOf(proceeded);
    }

    public List<Responded> responded() {
        return List.copyOf(responded);
    }
}
