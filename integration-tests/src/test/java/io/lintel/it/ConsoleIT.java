package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's web console, rendered by a real browser (headless Chromium) against the distribution: the Gateway with
 * its listener, the routes attached to it with their rules (a named one), backends and request counts, a route that
 * attaches nowhere, the configuration's problems with their file, and an explanation asked for in the page's address.
 * {@code .ci/run} installs Chromium; elsewhere the test is skipped without it.
 */
class ConsoleIT {

    private static final Path LOGS = Paths.get("target", "it-logs");

    @TempDir
    static Path work;

    private static NamedBackend shop;
    private static ItGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(HeadlessChromium.installed() || System.getenv("CI") != null,
                "no /usr/bin/chromium (apt-get install chromium); .ci/run installs it");
        shop = new NamedBackend("shop");
        gateway = ItGateway.in(work)
                .file("20-service.yaml", Manifests.serviceWithEndpoint("shop", shop.port()))
                .file("30-route.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: shop
                  namespace: default
                spec:
                  parentRefs:
                    - name: it
                      sectionName: http
                  rules:
                    - name: checkout
                      matches:
                        - path: {type: PathPrefix, value: /checkout}
                      backendRefs:
                        - name: shop
                          port: 80
                """)
                .file("40-orphan.yaml", Manifests.route("orphan", "no-such-gateway", "shop"))
                .file("50-broken.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: broken
                  namespace: default
                spec:
                  parentRefs:
                    - name: it
                  rules:
                    - matches:
                        - path: {type: PathPrefix, value: no-leading-slash}
                """)
                .start("ConsoleIT");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void theConsoleShowsGatewaysListenersRoutesRulesBackendsAndProblems() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(ItHttp.get(gateway.port(), "/checkout/cart").statusCode()).isEqualTo(200);
        }

        String dom = browser().renderedDom(console(""), 3_000);

        assertThat(dom).contains("Gateway default/it", "listener http", "HTTPRoute default/shop");
        assertThat(dom).containsPattern("<strong>rule checkout</strong>.*prefix /checkout");
        assertThat(dom).contains("default/shop:80 ×1 [1 endpoint]");
        assertThat(dom).containsPattern("3 requests, 0 failed|\\(3 in all\\)");
        // attached to no Gateway of Lintel: listed apart, with its parent's verdict
        assertThat(dom).containsPattern("data-resource=\"HTTPRoute/default/orphan\"");
        // the broken file is a problem, named with its file and field
        assertThat(dom).contains("50-broken.yaml", "spec.rules[0].matches[0].path.value");
        assertThat(dom).contains("ready");
    }

    @Test
    void anExplanationInThePageAddressIsAskedForOnLoad() throws Exception {
        String dom = browser().renderedDom(console("#explain?host=www.example.com&path=%2Fcheckout%2Fcart&method=GET"),
                3_000);

        assertThat(dom).doesNotContain("Explaining…");
        assertThat(dom).containsPattern("id=\"explain-json\"|no /explain endpoint");
    }

    @Test
    void theConsoleIsServedWithoutOutsideAssetsAndSlashlessUiRedirects() throws Exception {
        HttpResponse<String> page = ItHttp.get(console(""));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(
                csp -> assertThat(csp).startsWith("default-src 'self'"));
        assertThat(page.body()).doesNotContain("http://", "https://");
        assertThat(ItHttp.get(gateway.admin("/ui/console.js")).statusCode()).isEqualTo(200);
        assertThat(ItHttp.get(gateway.admin("/ui/nothing.js")).statusCode()).isEqualTo(404);
        HttpResponse<String> bare = ItHttp.get(gateway.admin("/ui"));
        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("location")).hasValue("/ui/");
    }

    @Test
    void aScreenshotOfTheConsole() throws Exception {
        Path png = LOGS.resolve("console.png");
        Files.deleteIfExists(png);

        browser().screenshot(console(""), 3_000, png);

        // a 1400x1100 PNG with something drawn on it (an empty page compresses to a few kilobytes)
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    private static HeadlessChromium browser() throws IOException {
        return new HeadlessChromium(work, LOGS.resolve("ConsoleIT-chromium.log"));
    }

    private static URI console(String fragment) {
        return gateway.admin("/ui/" + fragment);
    }
}
