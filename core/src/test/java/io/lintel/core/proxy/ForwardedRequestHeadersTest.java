package io.lintel.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the forwarding headers say once the gateway has rewritten them: a client's claims replaced unless it is a
 * trusted proxy, whose chain is appended to (and cut to what trusted proxies wrote).
 */
class ForwardedRequestHeadersTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.9", 50000);
    private static final InetSocketAddress LOAD_BALANCER = new InetSocketAddress("10.1.2.3", 50000);

    private static HttpRequest spoofed() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
        request.headers()
                .set("Host", "shop.example:8080")
                .add("X-Forwarded-For", "1.1.1.1, 2.2.2.2")
                .add("X-Forwarded-For", "3.3.3.3")
                .set("X-Forwarded-Proto", "https")
                .set("X-Forwarded-Host", "admin.internal")
                .set("X-Real-IP", "127.0.0.1")
                .set("Forwarded", "for=127.0.0.1;proto=https");
        return request;
    }

    private static HttpHeaders prepare(HttpRequest request, InetSocketAddress peer, TrustedProxies trust) {
        ForwardedRequestHeaders.prepare(request, false, false, null, ForwardedRequestHeaders.clientAddress(peer),
                "http", trust.trusts(peer), trust);
        return request.headers();
    }

    @Test
    void anUntrustedClientsClaimsAreReplacedByWhatTheGatewaySaw() {
        HttpHeaders headers = prepare(spoofed(), CLIENT, TrustedProxies.NONE);

        assertThat(headers.getAll("X-Forwarded-For")).containsExactly("203.0.113.9");
        assertThat(headers.getAll("X-Forwarded-Proto")).containsExactly("http");
        assertThat(headers.getAll("X-Forwarded-Host")).containsExactly("shop.example:8080");
        assertThat(headers.getAll("X-Real-IP")).containsExactly("203.0.113.9");
        assertThat(headers.getAll("Forwarded")).containsExactly("for=203.0.113.9;host=\"shop.example:8080\";proto=http");
    }

    @Test
    void headersAClientDidNotSendAreNotAdded() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
        request.headers().set("Host", "shop.example");

        HttpHeaders headers = prepare(request, CLIENT, TrustedProxies.NONE);

        assertThat(headers.get("X-Forwarded-For")).isEqualTo("203.0.113.9");
        assertThat(headers.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(headers.contains("X-Real-IP")).isFalse();
        assertThat(headers.contains("X-Forwarded-Host")).isFalse();
        assertThat(headers.contains("Forwarded")).isFalse();
    }

    @Test
    void aClientOutsideTheTrustedBlocksIsNotTrusted() {
        TrustedProxies trust = new TrustedProxies(0, List.of("10.0.0.0/8", "fd00::/8"));

        assertThat(prepare(spoofed(), CLIENT, trust).getAll("X-Forwarded-For")).containsExactly("203.0.113.9");
    }

    @Test
    void aTrustedProxysChainIsAppendedToAndItsClaimsKept() {
        // 10.1.2.3 is the load balancer; 3.3.3.3 is what it saw, and what it says is believed
        TrustedProxies trust = new TrustedProxies(0, List.of("10.0.0.0/8"));

        HttpHeaders headers = prepare(spoofed(), LOAD_BALANCER, trust);

        // the load balancer's own entry is the last it wrote; 1.1.1.1 and 2.2.2.2 came from its client, unverified
        assertThat(headers.getAll("X-Forwarded-For")).containsExactly("3.3.3.3, 10.1.2.3");
        assertThat(headers.getAll("X-Forwarded-Proto")).containsExactly("https");
        assertThat(headers.getAll("X-Forwarded-Host")).containsExactly("admin.internal");
        assertThat(headers.getAll("X-Real-IP")).containsExactly("127.0.0.1");
        assertThat(headers.getAll("Forwarded")).containsExactly(
                "for=127.0.0.1;proto=https, for=10.1.2.3;host=\"shop.example:8080\";proto=http");
    }

    @Test
    void trustedBlocksAreWalkedFromTheRightUpToTheFirstUntrustedAddress() {
        TrustedProxies trust = new TrustedProxies(0, List.of("10.0.0.0/8"));
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
        request.headers().set("X-Forwarded-For", "6.6.6.6, 198.51.100.4, 10.9.9.9,10.8.8.8");

        assertThat(prepare(request, LOAD_BALANCER, trust).get("X-Forwarded-For"))
                .isEqualTo("198.51.100.4, 10.9.9.9, 10.8.8.8, 10.1.2.3");
    }

    @Test
    void trustedHopsKeepAsManyEntriesAsThereAreTrustedProxies() {
        HttpHeaders one = prepare(spoofed(), CLIENT, new TrustedProxies(1, List.of()));
        assertThat(one.getAll("X-Forwarded-For")).containsExactly("3.3.3.3, 203.0.113.9");
        assertThat(one.getAll("X-Forwarded-Proto")).containsExactly("https");

        HttpHeaders two = prepare(spoofed(), CLIENT, new TrustedProxies(2, List.of()));
        assertThat(two.getAll("X-Forwarded-For")).containsExactly("2.2.2.2, 3.3.3.3, 203.0.113.9");

        HttpRequest fresh = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
        assertThat(prepare(fresh, CLIENT, new TrustedProxies(5, List.of())).getAll("X-Forwarded-For"))
                .containsExactly("203.0.113.9");
    }

    @Test
    void ipv6ClientsAndBlocks() {
        InetSocketAddress v6 = new InetSocketAddress("fd00::7", 1);
        TrustedProxies trust = new TrustedProxies(0, List.of("fd00::/16"));
        HttpRequest request = spoofed();
        request.headers().set("X-Forwarded-For", "2001:db8::1");

        HttpHeaders headers = prepare(request, v6, trust);

        assertThat(headers.get("X-Forwarded-For")).isEqualTo("2001:db8::1, fd00:0:0:0:0:0:0:7");
        assertThat(headers.get("Forwarded"))
                .endsWith(", for=\"[fd00:0:0:0:0:0:0:7]\";host=\"shop.example:8080\";proto=http");
        assertThat(prepare(spoofed(), new InetSocketAddress("2001:db8::9", 1), trust).get("X-Forwarded-For"))
                .isEqualTo("2001:db8:0:0:0:0:0:9");
        assertThat(prepare(spoofed(), LOAD_BALANCER, trust).get("X-Forwarded-For")).isEqualTo("10.1.2.3");
    }

    @Test
    void blocksThatAreNotLiteralAddressesAreRefused() {
        assertThatThrownBy(() -> new TrustedProxies(0, List.of("proxy.example/32")))
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> new TrustedProxies(0, List.of("10.0.0.0/33")))
                .hasMessageContaining("prefix length");
        assertThatThrownBy(() -> new TrustedProxies(-1, List.of())).hasMessageContaining(">= 0");
        assertThat(new TrustedProxies(0, List.of("10.1.2.3")).trusts(LOAD_BALANCER)).isTrue();
        assertThat(new TrustedProxies(0, List.of("10.1.2.4")).trusts(LOAD_BALANCER)).isFalse();
        assertThat(new TrustedProxies(0, List.of("10.1.2.0/31")).trusts(LOAD_BALANCER)).isFalse();
        assertThat(new TrustedProxies(0, List.of("10.1.2.2/31")).trusts(LOAD_BALANCER)).isTrue();
    }
}
