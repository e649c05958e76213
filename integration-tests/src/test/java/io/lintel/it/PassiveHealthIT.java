package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's passive backend health, on by default, end to end: a Service with two ready endpoints, 127.0.0.1 where
 * a backend answers and 127.0.0.2 where nothing listens (every connection refused). Without passive health about
 * half of all requests would fail (503) forever; with it, the dead endpoint is ejected after its fifth failure in a
 * row and every later request reaches the live one.
 */
class PassiveHealthIT {

    @TempDir
    static Path work;

    private static NamedBackend live;
    private static ItGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        live = new NamedBackend("live");
        gateway = ItGateway.in(work)
                .file("20-service.yaml", Manifests.serviceWithEndpoints("shop", live.port(), "127.0.0.2", "127.0.0.1"))
                .file("30-route.yaml", Manifests.route("shop", "it", "shop"))
                .start("PassiveHealthIT");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (live != null) {
            live.close();
        }
    }

    @Test
    void aDeadEndpointStopsGettingRequestsAfterFiveFailuresInARow() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> response = ItHttp.get(gateway.port(), "/");
            statuses.add(response.statusCode());
        }

        // one connection refused after another: the fifth ejects 127.0.0.2 (for 30 s, longer than this test)
        assertThat(statuses).filteredOn(status -> status == 503).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(55);
        int lastFailure = statuses.lastIndexOf(503);
        assertThat(statuses.subList(lastFailure + 1, statuses.size())).containsOnly(200);
    }
}
