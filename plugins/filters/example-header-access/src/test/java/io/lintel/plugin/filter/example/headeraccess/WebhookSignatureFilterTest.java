package io.lintel.plugin.filter.example.headeraccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.testkit.FakeNext;
import io.lintel.testkit.FakeRequestContext;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.RuleRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPI v2 example: the body is checked against the rule's keys, read on a blocking executor, and the filter
 * continues on the event loop; each rule keeps its own rejection count.
 */
class WebhookSignatureFilterTest {

    private static final RuleRef RULE_A = new RuleRef("HTTPRoute", "default", "hooks", 0, "github");
    private static final RuleRef RULE_B = new RuleRef("HTTPRoute", "default", "hooks", 1, "stripe");

    @TempDir
    Path directory;

    /** Stand-ins for the plugin's blocking executor and the exchange's event loop, named to tell them apart. */
    private final ExecutorService blocking = Executors.newSingleThreadExecutor(r -> new Thread(r, "blocking"));
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "event-loop"));

    @AfterEach
    void stop() {
        blocking.shutdownNow();
        loop.shutdownNow();
    }

    private Path keys(String... lines) throws Exception {
        return Files.write(directory.resolve("keys"), List.of(lines));
    }

    private WebhookSignatureFilter filter(Path keys, RuleRef rule) throws FilterConfigException {
        WebhookSignatureFilterFactory factory = new WebhookSignatureFilterFactory(blocking);
        WebhookSignatureSpec spec = factory.translate(new FilterConfig(new ResourceKey("gateway.networking.k8s.io",
                "HTTPRoute", "default", "hooks"), "spec.rules[0].filters[0].extensionRef", Map.of(
                "metadata", Map.of("name", "github", "namespace", "default"),
                "spec", Map.of("header", "X-Hub-Signature-256", "keysFile", keys.toString()))));
        return (WebhookSignatureFilter) factory.create(spec, rule);
    }

    private static String sign(String key, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Runs the filter as core would: the body in {@code next}'s context, with its event loop. */
    private HttpResponseHead run(HttpFilter filter, String signature, HttpNext next) throws Exception {
        HttpRequestHead request = FakeRequestHead.get("http", "hooks.example.com", "/");
        if (signature != null) {
            request.headers().set("X-Hub-Signature-256", signature);
        }
        return filter.filter(request, next).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private FakeNext next(String body) {
        return new FakeNext().withContext(new FakeRequestContext(RULE_A).withBody(body.getBytes(StandardCharsets.UTF_8))
                .withEventLoop(loop));
    }

    @Test
    void asksForTheBody() throws Exception {
        assertThat(filter(keys("k"), RULE_A).needsRequestBody()).isTrue();
    }

    @Test
    void aBodySignedWithOneOfTheKeysGoesOnFromTheEventLoop() throws Exception {
        WebhookSignatureFilter filter = filter(keys("# rotated keys", "old", "", "new"), RULE_A);
        String[] proceededOn = new String[1];
        FakeNext recorded = next("{\"action\":\"push\"}");
        HttpNext next = new HttpNext() {
            @Override
            public CompletionStage<HttpResponseHead> proceed(HttpRequestHead request) {
                proceededOn[0] = Thread.currentThread().getName();
                return recorded.proceed(request);
            }

            @Override
            public HttpResponseHead respond(int status, String contentType, byte[] body) {
                return recorded.respond(status, contentType, body);
            }

            @Override
            public io.lintel.spi.filter.HttpRequestContext context() {
                return recorded.context();
            }
        };

        HttpResponseHead response = run(filter, sign("new", "{\"action\":\"push\"}"), next);

        assertThat(response.status()).isEqualTo(200);
        assertThat(recorded.proceeded()).hasSize(1);
        assertThat(proceededOn[0]).as("the filter came back to the event loop").isEqualTo("event-loop");
    }

    @Test
    void aMissingWrongOrMalformedSignatureIsDeniedAndCountedPerRule() throws Exception {
        Path keys = keys("secret");
        WebhookSignatureFilter ruleA = filter(keys, RULE_A);
        WebhookSignatureFilter ruleB = filter(keys, RULE_B);

        HttpResponseHead missing = run(ruleA, null, next("body"));
        HttpResponseHead wrong = run(ruleA, sign("other", "body"), next("body"));
        HttpResponseHead malformed = run(ruleA, "sha256=zz", next("body"));
        HttpResponseHead otherRule = run(ruleB, sign("other", "body"), next("body"));

        assertThat(List.of(missing, wrong, malformed, otherRule)).allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(malformed.headers().get("X-Signature-Rejections")).isEqualTo("3");
        assertThat(otherRule.headers().get("X-Signature-Rejections")).as("rule B counts its own").isEqualTo("1");
    }

    @Test
    void aBodyChangedAfterSigningIsDenied() throws Exception {
        HttpResponseHead response = run(filter(keys("secret"), RULE_A), sign("secret", "amount=1"), next("amount=1000"));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void unreadableKeysAnswer503() throws Exception {
        HttpResponseHead response = run(filter(directory.resolve("absent"), RULE_A), sign("k", "b"), next("b"));

        assertThat(response.status()).isEqualTo(503);
    }

    @Test
    void translateChecksTheShapeOnly() {
        WebhookSignatureFilterFactory factory = new WebhookSignatureFilterFactory(Runnable::run);
        FilterConfig relative = new FilterConfig(new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default",
                "hooks"), "spec.rules[0].filters[0].extensionRef", Map.of("metadata", Map.of("name", "github"),
                "spec", Map.of("header", "X-Sig", "keysFile", "keys.txt")));

        assertThatThrownBy(() -> factory.translate(relative)).isInstanceOf(FilterConfigException.class)
                .hasMessageContaining("WebhookSignatureRule github: spec.keysFile must be an absolute path");
    }
}
