package io.lintel.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The access log's writer: callers (event loops) never wait for the log, drops are counted, both formats parse. */
class AccessLogWriterTest {

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch sinkEntered = new CountDownLatch(1);
    private final CountDownLatch sinkReleased = new CountDownLatch(1);
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private final Logger writerLogger = (Logger) LoggerFactory.getLogger(AccessLogWriter.class);
    private final Level previousLevel = writerLogger.getLevel();
    private AccessLogWriter writer;

    @AfterEach
    void stop() throws InterruptedException {
        sinkReleased.countDown();
        writerLogger.detachAppender(warnings);
        writerLogger.setLevel(previousLevel);
        if (writer != null) {
            writer.close();
            assertThat(writer.awaitClosed(Duration.ofSeconds(10))).isTrue();
        }
    }

    /** A log destination that stops (a blocked pipe) on its first line until the test lets it go on. */
    private void blockingSink(String line) {
        written.add(line);
        sinkEntered.countDown();
        try {
            sinkReleased.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** 2026-12-07T07:50:01.123456Z */
    private static final long START = 1_796_629_801_123_456_789L;

    private static AccessLogRecord record(String path) {
        return new AccessLogRecord(START, 3_456_789, "127.0.0.1", "HTTP/1.1", "GET", "shop.test", path, 200, 5, 12,
                "httproute/infra/web/rule/1", "checkout", "infra/shop:80", "10.0.0.7", 8080, 2_100_000, 2,
                "4bf92f3577b34da6a3ce929d0e0e4736", ResponseFlag.RETRIED.bit() | ResponseFlag.BACKEND_TIMEOUT.bit());
    }

    private static AccessLogRecord local() {
        return new AccessLogRecord(START, 5_000, "::1", "HTTP/2", "GET", null, "/", 404, 0, 0, "none", "", null,
                "fd00::1", 80, -1, 0, null, ResponseFlag.LOCAL.bit());
    }

    @Test
    void aStalledLogNeverBlocksTheCallerAndDropsAreCountedAndReported() {
        warnings.start();
        writerLogger.addAppender(warnings);
        writerLogger.setLevel(Level.WARN);
        writer = new AccessLogWriter(4, AccessLogFormat.TEXT, this::blockingSink, Duration.ofMillis(50));

        writer.offer(record("/first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sinkEntered.getCount() == 0);
        // the writer thread is stuck in the sink: four lines fit in the queue, the other six are dropped at once
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 10; i++) {
                writer.offer(record("/next/" + i));
            }
        });
        assertThat(writer.dropped()).isEqualTo(6);

        sinkReleased.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 5);
        assertThat(written).last().asString().contains(" path=/next/3 ");
        await().atMost(Duration.ofSeconds(10)).until(() -> warnings.list.stream()
                .anyMatch(e -> e.getFormattedMessage().startsWith("access log: 6 lines dropped")));
    }

    @Test
    void textLinesAreKeyValueFieldsWithADashForWhatIsAbsent() {
        assertThat(AccessLogFormat.TEXT.format(record("/shop/cart?id=7"))).isEqualTo("start_time="
                + "2026-12-07T07:50:01.123Z duration_ms=3.456 client=127.0.0.1 protocol=HTTP/1.1 method=GET"
                + " authority=shop.test path=/shop/cart?id=7 status=200 bytes_in=5 bytes_out=12"
                + " route=httproute/infra/web rule=1 rule_name=checkout backend=infra/shop:80 endpoint=10.0.0.7:8080"
                + " upstream_ms=2.100 attempts=2 trace_id=4bf92f3577b34da6a3ce929d0e0e4736"
                + " flags=backend_timeout,retried");
        assertThat(AccessLogFormat.TEXT.format(local())).endsWith(" duration_ms=0.005 client=::1 protocol=HTTP/2"
                + " method=GET authority=- path=/ status=404 bytes_in=0 bytes_out=0 route=- rule=none rule_name=-"
                + " backend=- endpoint=[fd00::1]:80 upstream_ms=- attempts=0 trace_id=- flags=local");
    }

    @Test
    void offTurnsTheLogOffAndOtherWordsAreRefused() {
        assertThat(AccessLogFormat.parse(" Off ")).isNull();
        assertThat(AccessLogFormat.parse("text")).isEqualTo(AccessLogFormat.TEXT);
        assertThatThrownBy(() -> AccessLogFormat.parse("xml")).hasMessageContaining("expected: off, text or json");
    }

    @Test
    void jsonLinesParseWhateverTheClientSent() throws Exception {
        writer = new AccessLogWriter(16, AccessLogFormat.parse("JSON"), written::add, Duration.ofSeconds(30));
        writer.offer(record("/a\"b\\c\u0001d\u00e9?q=\ud83d\ude00"));
        writer.offer(local());
        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 2);

        ObjectMapper json = new ObjectMapper();
        JsonNode line = json.readTree(written.get(0));
        assertThat(line.get("start_time").asText()).isEqualTo("2026-12-07T07:50:01.123Z");
        assertThat(line.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(line.get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(line.get("authority").asText()).isEqualTo("shop.test");
        assertThat(line.get("bytes_in").asLong()).isEqualTo(5);
        assertThat(line.get("upstream_ms").asDouble()).isEqualTo(2.1);
        assertThat(line.get("attempts").asInt()).isEqualTo(2);
        assertThat(line.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("flags")).extracting(JsonNode::asText).containsExactly("backend_timeout", "retried");
        assertThat(line.get("path").asText()).isEqualTo("/a\"b\\c\u0001d\u00e9?q=\ud83d\ude00");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("bytes_out").asLong()).isEqualTo(12);
        assertThat(line.get("duration_ms").asDouble()).isEqualTo(3.456);
        assertThat(line.get("route").asText()).isEqualTo("httproute/infra/web");
        assertThat(line.get("rule").asText()).isEqualTo("1");
        assertThat(line.get("rule_name").asText()).isEqualTo("checkout");
        assertThat(line.get("endpoint").asText()).isEqualTo("10.0.0.7:8080");
        JsonNode local = json.readTree(written.get(1));
        assertThat(local.get("route").isNull()).isTrue();
        assertThat(local.get("rule_name").isNull()).isTrue();
        assertThat(local.get("backend").isNull()).isTrue();
        assertThat(local.get("endpoint").asText()).isEqualTo("[fd00::1]:80");
        assertThat(local.get("authority").isNull()).isTrue();
        assertThat(local.get("upstream_ms").isNull()).isTrue();
        assertThat(local.get("trace_id").isNull()).isTrue();
        assertThat(local.get("flags")).extracting(JsonNode::asText).containsExactly("local");
        assertThat(written.get(0)).doesNotContain("\n").doesNotContain("\u0001");
    }
}
