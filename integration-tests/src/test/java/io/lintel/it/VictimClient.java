package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The well-behaved client of the hostile-client suite: while an attack runs on other connections, it sends
 * {@code GET /} to its own route, each time on a new connection, and keeps the latency of each (issue #14's
 * acceptance: served within 200 ms meanwhile).
 */
final class VictimClient implements AutoCloseable {

    /** The acceptance bound of issue #14. */
    static final long MAX_LATENCY_MILLIS = 200;

    private final int port;
    private final String host;
    private final String expectedBody;
    private final ExecutorService attackers = Executors.newCachedThreadPool();

    VictimClient(int port, String host, String expectedBody) {
        this.port = port;
        this.host = host;
        this.expectedBody = expectedBody;
    }

    /** One request on a new connection: asserts the answer, returns its latency in nanoseconds. */
    long request() throws Exception {
        long start = System.nanoTime();
        RawHttp1.Response response = RawHttp1.exchange(port,
                "GET /victim HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        long nanos = System.nanoTime() - start;
        assertThat(response.status()).as("victim's status: %s", response.text()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(expectedBody);
        return nanos;
    }

    /**
     * Runs {@code attack} on another thread and, until it returns, victim requests one after another (at least
     * one, started with the attack; then at most one per 20 ms); returns what the attack returned and the
     * latencies, after asserting each was under {@link #MAX_LATENCY_MILLIS}.
     */
    <T> Outcome<T> during(String name, Callable<T> attack) throws Exception {
        Future<T> running = attackers.submit(attack);
        List<Long> latencies = new ArrayList<>();
        do {
            latencies.add(request());
        } while (!finishedWithin(running, 20));
        T result;
        try {
            result = running.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the attack " + name + " failed: " + e.getCause(), e.getCause());
        }
        Outcome<T> outcome = new Outcome<>(result, latencies);
        // the figures the suite reports (failsafe keeps them with the test's output)
        System.out.printf("hostile %s: victim served %d times during the attack, max %.1f ms%n", name,
                latencies.size(), outcome.maxMillis());
        assertThat(outcome.maxMillis())
                .as("slowest of %d victim requests during %s (ms)", latencies.size(), name)
                .isLessThan(MAX_LATENCY_MILLIS);
        return outcome;
    }

    private static boolean finishedWithin(Future<?> running, long millis) throws InterruptedException {
        try {
            running.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public void close() {
        attackers.shutdownNow();
    }

    /** What an attack returned, and the victim's latencies meanwhile. */
    record Outcome<T>(T result, List<Long> latencies) {
        double maxMillis() {
            return latencies.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
        }
    }
}
