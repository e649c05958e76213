package io.lintel.plugin.filter.example.headeraccess;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.RuleRef;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.testkit.FilterHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example filter through the plugin test kit, as a plugin author would test it: the harness reads the body for
 * the filter, runs it on an event loop of its own and records what reached the backend.
 */
class WebhookSignatureHarnessTest {

    private static final String BODY = "{\"action\":\"opened\"}";

    @TempDir
    Path directory;

    private final ExecutorService blocking = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        blocking.shutdownNow();
    }

    private FilterHarness harness() throws Exception {
        Path keys = Files.write(directory.resolve("keys"), List.of("secret-1"));
        WebhookSignatureFilterFactory factory = new WebhookSignatureFilterFactory(blocking);
        WebhookSignatureSpec spec = factory.translate(new FilterConfig(new ResourceKey("gateway.networking.k8s.io",
                "HTTPRoute", "default", "hooks"), "spec.rules[0].filters[0].extensionRef", Map.of(
                "metadata", Map.of("name", "github", "namespace", "default"),
                "spec", Map.of("header", "X-Hub-Signature-256", "keysFile", keys.toString()))));
        return FilterHarness.of(factory, spec, new RuleRef("HTTPRoute", "default", "hooks", 0, "github"));
    }

    private static HttpRequestHead signed(String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpRequestHead request = FakeRequestHead.get("http", "hooks.example.com", "/");
        request.headers().set("X-Hub-Signature-256",
                "sha256=" + HexFormat.of().formatHex(mac.doFinal(BODY.getBytes(StandardCharsets.UTF_8))));
        return request;
    }

    @Test
    void aSignedBodyReachesTheBackendAfterTheCheckOnTheBlockingExecutor() throws Exception {
        try (FilterHarness harness = harness()) {
            FilterHarness.Result result = harness.run(signed("secret-1"), BODY.getBytes(StandardCharsets.UTF_8));
            assertThat(result.backendCalls()).isEqualTo(1);
            assertThat(result.response().status()).isEqualTo(200);
            assertThat(result.stayedOnLoop()).as("resumed on the event loop after the blocking read").isTrue();
        }
    }

    @Test
    void aWronglySignedBodyIsAnsweredByTheFilter() throws Exception {
        try (FilterHarness harness = harness()) {
            FilterHarness.Result result = harness.run(signed("not-the-key"), BODY.getBytes(StandardCharsets.UTF_8));
            assertThat(result.backendRequest()).isEmpty();
            assertThat(result.answeredByFilter()).isTrue();
            assertThat(result.response().status()).isBetween(400, 499);
        }
    }
}
