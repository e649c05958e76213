package io.lintel.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RequestDeadlines}: deadlines expire in order, cancelled ones never, behind one scheduled task. */
class RequestDeadlinesTest {

    private final List<String> expired = new ArrayList<>();
    private EmbeddedChannel channel;
    private RequestDeadlines deadlines;

    private final class Named extends RequestDeadlines.Entry {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        void onRequestTimeout() {
            expired.add(name);
        }
    }

    @BeforeEach
    void start() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        deadlines = new RequestDeadlines(channel.eventLoop());
    }

    @AfterEach
    void stop() {
        channel.finishAndReleaseAll();
    }

    private void advanceSeconds(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    private static long seconds(long n) {
        return TimeUnit.SECONDS.toNanos(n);
    }

    @Test
    void expiresWhatIsDueInDeadlineOrderAndNothingCancelled() {
        long now = System.nanoTime();
        Named a = new Named("a");
        Named b = new Named("b");
        Named c = new Named("c");
        Named d = new Named("d");
        deadlines.arm(a, now, seconds(10));
        deadlines.arm(b, now, seconds(30));
        deadlines.arm(c, now, seconds(20));  // a filter's shorter timeout: goes before b
        deadlines.arm(d, now, seconds(15));
        deadlines.arm(a, now, seconds(1));   // armed already: unchanged
        deadlines.cancel(d);
        advanceSeconds(9);
        assertThat(expired).isEmpty();
        advanceSeconds(1);
        assertThat(expired).containsExactly("a");
        advanceSeconds(10);
        assertThat(expired).containsExactly("a", "c");
        deadlines.cancel(b);
        advanceSeconds(60);
        assertThat(expired).containsExactly("a", "c");
        // a cancelled entry can be armed again
        deadlines.arm(b, System.nanoTime(), seconds(5));
        advanceSeconds(5);
        assertThat(expired).containsExactly("a", "c", "b");
    }

    @Test
    void keepsOneTaskScheduledWhileEntriesComeAndGo() {
        for (int i = 0; i < 1000; i++) {
            Named entry = new Named("e" + i);
            deadlines.arm(entry, System.nanoTime(), seconds(15));
            deadlines.cancel(entry);
        }
        assertThat(channel.runScheduledPendingTasks()).isNotEqualTo(-1L);
        advanceSeconds(15);
        assertThat(expired).isEmpty();
        // fired with nothing armed: not scheduled again
        assertThat(channel.runScheduledPendingTasks()).isEqualTo(-1L);
    }

    @Test
    void closeDisarmsAndUnschedules() {
        deadlines.arm(new Named("a"), System.nanoTime(), seconds(1));
        deadlines.close();
        assertThat(channel.runScheduledPendingTasks()).isEqualTo(-1L);
        advanceSeconds(5);
        assertThat(expired).isEmpty();
    }
}
