package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrSessionPersistence;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Endpoint choice with session persistence over weighted backends, as the data plane makes it: a request resumes
 * its session, else picks by weight and starts one.
 */
class StickySessionsTest {

    private static final String RULE = "httproute/default/sticky/rule/0";
    private static final IrSessionPersistence COOKIE = new IrSessionPersistence(IrSessionPersistence.Type.COOKIE,
            "sid", Optional.of(60_000L), IrSessionPersistence.LifetimeType.SESSION);
    private static final IrSessionPersistence HEADER = new IrSessionPersistence(IrSessionPersistence.Type.HEADER,
            "x-session", Optional.empty(), IrSessionPersistence.LifetimeType.SESSION);

    private final SessionTokens tokens = new SessionTokens(new byte[32]);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicLong nanos = new AtomicLong();
    private final EndpointHealth health = new EndpointHealth(1, 30, 300, 50, nanos::get);

    private final BackendEndpoint a1 = new BackendEndpoint("10.0.0.1", 80, "");
    private final BackendEndpoint a2 = new BackendEndpoint("10.0.0.2", 80, "");
    private final BackendEndpoint b1 = new BackendEndpoint("10.0.1.1", 80, "");
    private final BackendEndpoint b2 = new BackendEndpoint("10.0.1.2", 80, "");
    private final CompiledBackend light = backend("light", 1, a1, a2);
    private final CompiledBackend heavy = backend("heavy", 3, b1, b2);

    private CompiledBackend backend(String name, int weight, BackendEndpoint... endpoints) {
        return new CompiledBackend(name, weight, 0, List.of(endpoints), List.of(), health);
    }

    /** One rule's routing: its backends, and the session config. */
    private final class Rule {
        final List<CompiledBackend> backends;
        final WeightedBackendPicker picker;
        final StickySessions sessions;

        Rule(IrSessionPersistence config, CompiledBackend... backends) {
            this.backends = List.of(backends);
            this.picker = new WeightedBackendPicker(this.backends);
            this.sessions = new StickySessions(config, RULE, this.backends, tokens, now::get);
        }

        /** The endpoint a request with {@code headers} goes to; {@code started} gets a new session's token. */
        BackendEndpoint route(HttpHeaders headers, String[] started) {
            StickySessions.Session session = sessions.resume(headers);
            if (session != null) {
                started[0] = null;
                return session.endpoint();
            }
            CompiledBackend picked = picker.pick();
            BackendEndpoint endpoint = picked.pickEndpoint();
            started[0] = sessions.start(picked, endpoint);
            return endpoint;
        }
    }

    private static HttpHeaders cookie(String value) {
        return new DefaultHttpHeaders().add("Cookie", "theme=dark; sid=" + value + "; lang=en");
    }

    @Test
    void oneSessionSticksToOneEndpointForAHundredRequests() {
        Rule rule = new Rule(COOKIE, light, heavy);
        String[] started = new String[1];
        BackendEndpoint first = rule.route(new DefaultHttpHeaders(), started);
        String token = started[0];
        assertThat(token).isNotNull();
        for (int i = 0; i < 100; i++) {
            assertThat(rule.route(cookie(token), started)).isSameAs(first);
            assertThat(started[0]).as("a resumed session starts no new one").isNull();
        }
    }

    @Test
    void newSessionsSpreadByWeight() {
        Rule rule = new Rule(COOKIE, light, heavy);
        String[] started = new String[1];
        Map<BackendEndpoint, Integer> counts = new HashMap<>();
        int sessions = 2000;
        for (int i = 0; i < sessions; i++) {
            BackendEndpoint endpoint = rule.route(new DefaultHttpHeaders(), started);
            counts.merge(endpoint, 1, Integer::sum);
            // each session, resumed, stays where it started
            assertThat(rule.route(cookie(started[0]), new String[1])).isSameAs(endpoint);
        }
        double heavyShare = (counts.getOrDefault(b1, 0) + counts.getOrDefault(b2, 0)) * 100.0 / sessions;
        // weights 1:3 put 75% on heavy; one standard deviation over 2000 sessions is about 1 point
        assertThat(heavyShare).isBetween(69.0, 81.0);
        assertThat(counts.keySet()).containsExactlyInAnyOrder(a1, a2, b1, b2);
    }

    @Test
    void aHeaderSessionSticksToo() {
        Rule rule = new Rule(HEADER, light, heavy);
        String[] started = new String[1];
        BackendEndpoint first = rule.route(new DefaultHttpHeaders(), started);
        HttpHeaders headers = new DefaultHttpHeaders().add("X-Session", started[0]);
        for (int i = 0; i < 100; i++) {
            assertThat(rule.route(headers, started)).isSameAs(first);
        }
        assertThat(rule.sessions.resume(cookie(started[0] == null ? "x" : started[0]))).isNull();
    }

    @Test
    void aSessionMovesWhenItsEndpointLeavesTheEndpointSlice() {
        Rule before = new Rule(COOKIE, backend("only", 1, a1));
        String[] started = new String[1];
        assertThat(before.route(new DefaultHttpHeaders(), started)).isEqualTo(a1);
        String token = started[0];
        // the next configuration: the same backend without a1
        Rule after = new Rule(COOKIE, backend("only", 1, a2));
        assertThat(after.sessions.resume(cookie(token))).isNull();
        assertThat(after.route(cookie(token), started)).isEqualTo(a2);
        assertThat(started[0]).as("a new session on a2").isNotNull();
    }

    @Test
    void aSessionMovesWhenPassiveHealthEjectsItsEndpoint() {
        Rule rule = new Rule(COOKIE, backend("pair", 1, a1, a2));
        String[] started = new String[1];
        BackendEndpoint first = rule.route(new DefaultHttpHeaders(), started);
        String token = started[0];
        health.failed(first);  // one failure ejects (consecutiveFailures 1)
        BackendEndpoint moved = rule.route(cookie(token), started);
        assertThat(moved).isNotEqualTo(first);
        assertThat(started[0]).isNotNull();
    }

    @Test
    void aSessionEndsAtItsAbsoluteTimeout() {
        Rule rule = new Rule(COOKIE, light, heavy);
        String[] started = new String[1];
        rule.route(new DefaultHttpHeaders(), started);
        String token = started[0];
        now.addAndGet(59_999);
        assertThat(rule.sessions.resume(cookie(token))).isNotNull();
        now.addAndGet(1);
        assertThat(rule.sessions.resume(cookie(token))).isNull();
    }

    @Test
    void aForgedOrForeignTokenStartsANewSession() {
        Rule rule = new Rule(COOKIE, light, heavy);
        String forged = new SessionTokens(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32}).encode(RULE.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, "10.0.1.1", 80, 0);
        assertThat(rule.sessions.resume(cookie(forged))).isNull();
        assertThat(rule.sessions.resume(cookie("garbage"))).isNull();
        assertThat(rule.sessions.resume(new DefaultHttpHeaders())).isNull();
    }

    @Test
    void aZeroWeightBackendKeepsNoSessions() {
        Rule rule = new Rule(COOKIE, light, heavy);
        String token = rule.sessions.start(light, a1);
        Rule reweighted = new Rule(COOKIE, backend("light", 0, a1, a2), heavy);
        assertThat(reweighted.sessions.resume(cookie(token))).isNull();
    }

    @Test
    void cookiesAndHeadersOnTheResponse() {
        HttpHeaders session = new DefaultHttpHeaders();
        new StickySessions(COOKIE, RULE, List.of(light), tokens, now::get).addTo(session, "tok", "/cart", false);
        assertThat(session.get("Set-Cookie")).isEqualTo("sid=tok; Path=/cart; HTTPOnly");

        HttpHeaders permanent = new DefaultHttpHeaders();
        new StickySessions(new IrSessionPersistence(IrSessionPersistence.Type.COOKIE, "sid", Optional.of(90_500L),
                IrSessionPersistence.LifetimeType.PERMANENT), RULE, List.of(light), tokens, now::get)
                .addTo(permanent, "tok", "", true);
        assertThat(permanent.get("Set-Cookie")).startsWith("sid=tok; Max-Age=91; Expires=")
                .endsWith("; Path=/; Secure; HTTPOnly");

        HttpHeaders header = new DefaultHttpHeaders();
        new StickySessions(HEADER, RULE, List.of(light), tokens, now::get).addTo(header, "tok", "/cart", false);
        assertThat(header.get("x-session")).isEqualTo("tok");
        assertThat(header.contains("Set-Cookie")).isFalse();
    }

    @Test
    void cookiePathsThatCannotBeAnAttributeBecomeTheRoot() {
        assertThat(StickySessions.cookiePath("/a/b")).isEqualTo("/a/b");
        assertThat(StickySessions.cookiePath("")).isEqualTo("/");
        assertThat(StickySessions.cookiePath("/a;b")).isEqualTo("/");
    }

    @Test
    void theCookieIsFoundAmongOthersAndAcrossCookieHeaders() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Cookie", "a=1").add("Cookie", "xsid=no;sid=\"yes\"");
        assertThat(StickySessions.cookie(headers, "sid")).isEqualTo("yes");
        assertThat(StickySessions.cookie(headers, "b")).isNull();
    }
}
