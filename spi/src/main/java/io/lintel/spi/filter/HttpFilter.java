package io.lintel.spi.filter;

import java.util.concurrent.CompletionStage;

/**
 * A runtime filter: one decorator around the rest of the chain. It may answer directly
 * ({@link HttpNext#respond}), call {@link HttpNext#proceed} once (changing the request before and the response
 * after), several times (retry) or additionally elsewhere (mirror).
 *
 * <p>Immutable and thread-safe: one instance serves every request of its rule on every event loop. It runs on the
 * event loop of the exchange and must never block; its stage is completed on that event loop.
 */
public interface HttpFilter {

    CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next);
}
