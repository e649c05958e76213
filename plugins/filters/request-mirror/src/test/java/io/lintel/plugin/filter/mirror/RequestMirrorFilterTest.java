package io.lintel.plugin.filter.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.testkit.FakeNext;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class RequestMirrorFilterTest {

    private static final FilterBackend BACKEND = new FilterBackend("f", "default/mirror:8080", true);

    /** A {@link FakeNext} that also records the copies. */
    private static final class MirroringNext implements HttpNext {
        final FakeNext next = new FakeNext();
        final List<FilterBackend> mirrored = new ArrayList<>();

        @Override
        public CompletionStage<HttpResponseHead> proceed(HttpRequestHead request) {
            return next.proceed(request);
        }

        @Override
        public HttpResponseHead respond(int status, String contentType, byte[] body) {
            return next.respond(status, contentType, body);
        }

        @Override
        public void mirror(FilterBackend backend, HttpRequestHead request) {
            mirrored.add(backend);
        }
    }

    @Test
    void copiesEveryRequestAndSendsItOn() {
        MirroringNext next = new MirroringNext();
        FakeRequestHead request = FakeRequestHead.get("http", "example.com", "/");

        new RequestMirrorFilter(new RequestMirrorSpec(BACKEND, 1, 1)).filter(request, next);

        assertThat(next.mirrored).containsExactly(BACKEND);
        assertThat(next.next.proceeded()).containsExactly(request);
    }

    @Test
    void copiesTheConfiguredShare() {
        MirroringNext next = new MirroringNext();
        int[] draw = {0};
        // draws 0..99 in turn: exactly the 20 draws below 20 are copied
        RequestMirrorFilter filter = new RequestMirrorFilter(new RequestMirrorSpec(BACKEND, 20, 100), bound -> draw[0]++ % bound);

        for (int i = 0; i < 100; i++) {
            filter.filter(FakeRequestHead.get("http", "example.com", "/"), next);
        }

        assertThat(next.mirrored).hasSize(20);
        assertThat(next.next.proceeded()).hasSize(100);
    }

    @Test
    void zeroPercentAndAnUnresolvedBackendCopyNothing() {
        MirroringNext next = new MirroringNext();

        new RequestMirrorFilter(new RequestMirrorSpec(BACKEND, 0, 100)).filter(FakeRequestHead.get("http", "h", "/"), next);
        new RequestMirrorFilter(new RequestMirrorSpec(new FilterBackend("f", "default/missing:8080", false), 1, 1))
                .filter(FakeRequestHead.get("http", "h", "/"), next);

        assertThat(next.mirrored).isEmpty();
        assertThat(next.next.proceeded()).hasSize(2);
    }
}
