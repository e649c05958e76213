package io.lintel.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: the shipped quickstart config, which routes port 8080 to Lintel's own admin server
 * (9901), answers {@code curl http://127.0.0.1:8080/ready}. Skipped when either fixed port is taken on this machine.
 */
class QuickstartIT {

    private static final int GATEWAY_PORT = 8080;
    private static final int ADMIN_PORT = 9901;

    @Test
    void quickstartAnswersReadyThroughTheDataPlane() throws Exception {
        assumeTrue(LintelProcess.isFree(GATEWAY_PORT), "127.0.0.1:8080 is taken on this machine");
        assumeTrue(LintelProcess.isFree(ADMIN_PORT), "127.0.0.1:9901 is taken on this machine");
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + GATEWAY_PORT + "/ready"))
                .timeout(Duration.ofSeconds(10))
                .build();

        try (LintelProcess lintel = LintelProcess.start(Paths.get("target", "it-logs", "QuickstartIT.log"),
                "run", "--config", LintelProcess.home().resolve("conf/quickstart").toString())) {
            try {
                await().atMost(90, SECONDS).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
                    assertThat(lintel.isAlive()).as("lintel process alive").isTrue();
                    HttpResponse<String> response = client.send(ready, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).startsWith("ready\n");
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\n" + lintel.logTail(), e);
            }
        }
    }
}
