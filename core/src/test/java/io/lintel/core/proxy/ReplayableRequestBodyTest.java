package io.lintel.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What is kept for a replay, and that every buffer it retained is released again. */
class ReplayableRequestBodyTest {

    /** How often a body was counted as not replayable. */
    private final AtomicInteger notReplayable = new AtomicInteger();
    private final ProxyMetrics metrics = new ProxyMetrics() {
        @Override
        public RuleMetrics forRule(String ruleName) {
            return RuleMetrics.NOOP;
        }

        @Override
        public void requestBodyNotReplayable() {
            notReplayable.incrementAndGet();
        }
    };

    private static HttpContent part(String text) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    @Test
    void replaysTheReceivedPartsInOrderAndReleasesThem() {
        ReplayableRequestBody body = new ReplayableRequestBody(10, metrics);
        HttpContent first = part("abc");
        LastHttpContent last = new DefaultLastHttpContent(Unpooled.copiedBuffer("def", StandardCharsets.US_ASCII));
        body.start(true, true, -1);

        body.record(first);
        body.record(last);
        ArrayDeque<HttpContent> replay = body.replay();

        assertThat(body.replayable()).isTrue();
        assertThat(replay).hasSize(2);
        assertThat(replay.getFirst().content().toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(replay.getLast()).isInstanceOf(LastHttpContent.class);
        replay.forEach(HttpContent::release);
        body.release();
        assertThat(body.replayable()).isFalse();
        ByteBuf firstBuffer = first.content();
        assertThat(firstBuffer.refCnt()).isEqualTo(1);
        first.release();
        last.release();
        assertThat(firstBuffer.refCnt()).isZero();
    }

    @Test
    void aBodyBeyondTheBoundIsReleasedAndNotReplayable() {
        ReplayableRequestBody body = new ReplayableRequestBody(5, metrics);
        HttpContent first = part("abc");
        HttpContent second = part("def");
        body.start(true, true, -1);

        body.record(first);
        body.record(second);
        HttpContent third = part("ghi");
        body.record(third);

        assertThat(body.replayable()).isFalse();
        assertThat(notReplayable).as("counted once per request").hasValue(1);
        assertThat(first.refCnt()).isEqualTo(1);
        assertThat(second.refCnt()).isEqualTo(1);
        assertThat(third.refCnt()).isEqualTo(1);
        first.release();
        second.release();
        third.release();
    }

    @Test
    void aRequestWithoutBodyIsAlwaysReplayableAndDisabledRecordingKeepsNothing() {
        ReplayableRequestBody body = new ReplayableRequestBody(100, metrics);
        body.start(false, false, -1);
        assertThat(body.replayable()).isTrue();

        body.start(true, false, -1);
        HttpContent content = part("abc");
        body.record(content);
        assertThat(body.replayable()).isFalse();
        assertThat(content.refCnt()).isEqualTo(1);
        content.release();
    }

    @Test
    void aBodyDeclaredLongerThanTheBoundIsNeverHeld() {
        ReplayableRequestBody body = new ReplayableRequestBody(5, metrics);
        body.start(true, true, 6);
        HttpContent content = part("abc");

        body.record(content);

        assertThat(body.replayable()).isFalse();
        assertThat(content.refCnt()).as("no duplicate retained").isEqualTo(1);
        assertThat(notReplayable).hasValue(1);
        content.release();

        body.start(true, true, 5);
        assertThat(body.replayable()).as("a body within the bound is held").isTrue();
        body.release();
    }
}
