package io.lintel.plugin.filter.example.headeraccess;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.RuleRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lets a webhook delivery on only when its signature header is the HMAC-SHA256 of its body under one of the rule's
 * keys, the way GitHub and Stripe sign theirs. It shows the three things SPI v2 added for filters like it:
 *
 * <ul>
 *   <li><b>the body</b>: it asks for it ({@link #needsRequestBody()}), so core reads the whole body, within its
 *       bound, before the filter runs, and hands it over read-only ({@link HttpRequestContext#requestBody()}); the
 *       backend then receives the same bytes;
 *   <li><b>per-rule state</b>: core creates one filter per rule, so its key cache ({@link SigningKeys}) and its count
 *       of rejected deliveries are that rule's alone (reported on each denial as {@code X-Signature-Rejections});
 *   <li><b>an asynchronous check</b>: the keys come from a file, which must not be read on an event loop; the filter
 *       reads them on the blocking executor and comes back to the exchange's event loop
 *       ({@link HttpRequestContext#eventLoop()}) before it touches the request again.
 * </ul>
 */
public final class WebhookSignatureFilter implements HttpFilter {

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String MAC = "HmacSHA256";

    private final WebhookSignatureSpec spec;
    private final RuleRef rule;
    private final Executor blocking;
    private final SigningKeys keys;
    private final AtomicLong rejected = new AtomicLong();

    public WebhookSignatureFilter(WebhookSignatureSpec spec, RuleRef rule, Executor blocking) {
        this.spec = requireNonNull(spec, "spec");
        this.rule = requireNonNull(rule, "rule");
        this.blocking = requireNonNull(blocking, "blocking");
        this.keys = new SigningKeys(java.nio.file.Path.of(spec.keysFile()));
    }

    @Override
    public boolean needsRequestBody() {
        return true;
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        HttpRequestContext context = next.context();
        String signature = request.headers().get(spec.header());
        if (signature == null || !signature.startsWith(spec.prefix())) {
            return deny(next, "missing signature\n");
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(signature.substring(spec.prefix().length()));
        } catch (IllegalArgumentException e) {
            return deny(next, "malformed signature\n");
        }
        // the view is taken here, on the event loop; its bytes never change, so reading it later is safe
        ByteBuffer body = context.requestBody().orElseThrow();
        return keys.load(blocking)
                // back on the exchange's event loop (failed or not) before touching the request or answering
                .handleAsync((loaded, failure) -> {
                    if (failure != null) {
                        // the keys cannot be read: nothing can be let through
                        return CompletableFuture.completedFuture(
                                next.respond(503, TEXT, "signing keys unavailable\n".getBytes(StandardCharsets.UTF_8)));
                    }
                    return signedByOneOf(loaded, body, expected) ? next.proceed(request) : deny(next, "bad signature\n");
                }, context.eventLoop())
                .thenCompose(stage -> stage);
    }

    private CompletionStage<HttpResponseHead> deny(HttpNext next, String message) {
        HttpResponseHead denied = next.respond(spec.deniedStatus(), TEXT, message.getBytes(StandardCharsets.UTF_8));
        denied.headers().set("X-Signature-Rejections", Long.toString(rejected.incrementAndGet()));
        return CompletableFuture.completedFuture(denied);
    }

    private static boolean signedByOneOf(List<byte[]> keys, ByteBuffer body, byte[] expected) {
        for (byte[] key : keys) {
            // constant-time comparison: a timing difference must not reveal how much of a guess was right
            if (MessageDigest.isEqual(hmac(key, body.duplicate()), expected)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hmac(byte[] key, ByteBuffer body) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(key, MAC));
            mac.update(body);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignatureFilter[" + rule + "]";
    }
}
