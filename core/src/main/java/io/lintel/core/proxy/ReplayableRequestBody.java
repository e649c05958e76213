package io.lintel.core.proxy;

import io.netty.handler.codec.http.HttpContent;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the parts of one request body as they arrive, up to a bound, so that a retrying filter can send the request
 * to a backend again (see {@link io.lintel.spi.filter.HttpRequestHead#bodyReplayable()}). The parts are retained
 * duplicates of what is streamed to the backend, so holding them copies nothing. Once the body outgrows the bound the
 * held parts are released and the request can no longer be replayed (the current attempt still streams it).
 *
 * <p>The bound is {@value #DEFAULT_LIMIT} bytes, or system property {@value #LIMIT_PROPERTY} (0 disables replay).
 * Belongs to one {@link ProxyHandler}: event loop only. Every path that ends an exchange calls {@link #release()}.
 */
public final class ReplayableRequestBody {

    public static final String LIMIT_PROPERTY = "lintel.retry.maxBodyBytes";
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ReplayableRequestBody.class);
    private static final long LIMIT = Math.max(0, Long.getLong(LIMIT_PROPERTY, DEFAULT_LIMIT));

    private final long limit;
    private ArrayDeque<HttpContent> held;
    private long bytes;
    private boolean hasBody;
    private boolean recording;

    ReplayableRequestBody() {
        this(LIMIT);
    }

    ReplayableRequestBody(long limit) {
        this.limit = limit;
    }

    /**
     * Starts a new exchange, releasing what an earlier one left.
     *
     * @param hasBody whether the request has a body at all
     * @param enabled whether a replay can be asked for (the rule has filters); when false nothing is kept
     */
    void start(boolean hasBody, boolean enabled) {
        release();
        this.hasBody = hasBody;
        this.recording = hasBody && enabled && limit > 0;
        this.bytes = 0;
    }

    /** Keeps a duplicate of a part that arrived (the caller still owns {@code content}). */
    void record(HttpContent content) {
        if (!recording) {
            return;
        }
        bytes += content.content().readableBytes();
        if (bytes > limit) {
            LOG.debug("request body exceeds {} bytes ({}): it cannot be replayed, so the request will not be retried",
                    limit, LIMIT_PROPERTY);
            release();
            return;
        }
        if (held == null) {
            held = new ArrayDeque<>(4);
        }
        held.add(content.retainedDuplicate());
    }

    /** Whether a new attempt can send the whole body received so far: no body, or every part of it held. */
    boolean replayable() {
        return !hasBody || recording;
    }

    /** Duplicates of the held parts, in order, for a new attempt; the caller owns (and releases or writes) them. */
    ArrayDeque<HttpContent> replay() {
        ArrayDeque<HttpContent> copy = new ArrayDeque<>(held == null ? 1 : held.size() + 1);
        if (held != null) {
            for (HttpContent content : held) {
                copy.add(content.retainedDuplicate());
            }
        }
        return copy;
    }

    /** Releases the held parts; the request is no longer replayable. Idempotent. */
    void release() {
        recording = false;
        ArrayDeque<HttpContent> queue = held;
        if (queue != null) {
            HttpContent content;
            while ((content = queue.poll()) != null) {
                content.release();
            }
        }
    }
}
