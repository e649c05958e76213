package io.lintel.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Paths;
import java.time.Duration;
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
        try (LintelProcess lintel = LintelProcess.start(Paths.get("target", "it-logs", "QuickstartIT.log"),
                "run", "--config", LintelProcess.home().resolve("conf/quickstart").toString())) {
            // The admin server answers /ready on 9901; through 8080 the answer has crossed the data plane.
            lintel.awaitReady(URI.create("http://127.0.0.1:" + GATEWAY_PORT + "/ready"), Duration.ofSeconds(90));
        }
    }
}
