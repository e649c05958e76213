package io.lintel.plugin.filter.timeouts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.testkit.FakeNext;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.spi.filter.HttpHeadersView;
import io.lintel.spi.filter.HttpRequestHead;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsFilterTest {

    /** Records the timeouts the filter sets; everything else comes from a fake head. */
    private static final class RecordingHead implements HttpRequestHead {
        private final FakeRequestHead delegate = FakeRequestHead.get("http", "example.com", "/");
        Duration request;
        Duration backendRequest;

        @Override
        public String method() {
            return delegate.method();
        }

        @Override
        public String scheme() {
            return delegate.scheme();
        }

        @Override
        public String authority() {
            return delegate.authority();
        }

        @Override
        public void authority(String authority) {
            delegate.authority(authority);
        }

        @Override
        public String pathAndQuery() {
            return delegate.pathAndQuery();
        }

        @Override
        public void pathAndQuery(String pathAndQuery) {
            delegate.pathAndQuery(pathAndQuery);
        }

        @Override
        public HttpHeadersView headers() {
            return delegate.headers();
        }

        @Override
        public void requestTimeout(Duration timeout) {
            request = timeout;
        }

        @Override
        public void backendRequestTimeout(Duration timeout) {
            backendRequest = timeout;
        }
    }

    @Test
    void setsTheConfiguredTimeoutsThenProceeds() {
        RecordingHead head = new RecordingHead();
        FakeNext next = new FakeNext();

        new TimeoutsFilter(new TimeoutsSpec(Duration.ofSeconds(2), Duration.ofMillis(500))).filter(head, next);

        assertThat(head.request).isEqualTo(Duration.ofSeconds(2));
        assertThat(head.backendRequest).isEqualTo(Duration.ofMillis(500));
        assertThat(next.proceeded()).containsExactly(head);
    }

    @Test
    void tellsTheDataPlaneOfAnExplicitZeroSoThatItsDefaultDoesNotApply() {
        RecordingHead head = new RecordingHead();

        new TimeoutsFilter(new TimeoutsSpec(Duration.ZERO, Duration.ZERO, true)).filter(head, new FakeNext());

        assertThat(head.request).isEqualTo(Duration.ZERO);
        assertThat(head.backendRequest).isNull();
    }

    @Test
    void saysNothingWhenTheRuleNamesNoTimeout() {
        RecordingHead head = new RecordingHead();

        new TimeoutsFilter(new TimeoutsSpec(Duration.ZERO, Duration.ZERO, false)).filter(head, new FakeNext());

        assertThat(head.request).isNull();
        assertThat(head.backendRequest).isNull();
    }

    @Test
    void leavesUnsetTimeoutsAlone() {
        RecordingHead head = new RecordingHead();
        FakeNext next = new FakeNext();

        new TimeoutsFilter(new TimeoutsSpec(Duration.ZERO, Duration.ofMillis(500))).filter(head, next);

        assertThat(head.request).isNull();
        assertThat(head.backendRequest).isEqualTo(Duration.ofMillis(500));
    }
}
