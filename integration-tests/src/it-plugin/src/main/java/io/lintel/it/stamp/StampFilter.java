package io.lintel.it.stamp;

import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.RuleRef;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stamps each request with headers the backend sees: its rule, a per-rule count, the SHA-256 of its body (the filter
 * reads the body), and how the rule's previous exchange ended (a completion listener). It passes on a wrapper of
 * core's head rather than changing it.
 */
final class StampFilter implements HttpFilter {

    private final StampSpec spec;
    private final RuleRef rule;
    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<String> previous = new AtomicReference<>("none");

    StampFilter(StampSpec spec, RuleRef rule) {
        this.spec = spec;
        this.rule = rule;
    }

    @Override
    public boolean needsRequestBody() {
        return true;
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        HttpRequestContext context = next.context();
        Map<String, String> stamps = new LinkedHashMap<>();
        stamps.put(spec.prefix() + "Rule", context.rule().name() + "/" + context.rule().index()
                + (rule.equals(context.rule()) ? "" : " (created for " + rule + ")"));
        stamps.put(spec.prefix() + "Count", Long.toString(count.incrementAndGet()));
        stamps.put(spec.prefix() + "Body-Sha256", sha256(context.requestBody().orElseThrow()));
        stamps.put(spec.prefix() + "Previous", previous.get());
        context.onComplete(outcome -> previous.set(outcome.status() + "/" + outcome.requestBodyBytes()));
        return next.proceed(new StampedHead(request, stamps));
    }

    private static String sha256(ByteBuffer body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
