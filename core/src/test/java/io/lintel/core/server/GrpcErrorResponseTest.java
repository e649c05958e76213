package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.direct;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** gRPC requests the gateway answers itself get a gRPC status, not a bare HTTP error code. */
@ExtendWith(NettyLeakDetection.class)
class GrpcErrorResponseTest {

    private NettyDataPlane dataPlane;
    private int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        port = RawHttp.freePort();
        dataPlane = new NettyDataPlane(new EventLoops(1, true), PluginRegistry.EMPTY, ProxyMetrics.NOOP,
                DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/broken.Service/", direct("broken", 500)),
                prefix("/down.Service/", rule("down", backend("none", 1))))))))).isEmpty();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
    }

    private HttpResponse<String> call(String path, String contentType) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 0, 0, 0})).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersGrpcStatusesInATrailersOnlyResponse() throws Exception {
        HttpResponse<String> unrouted = call("/unknown.Service/Method", "application/grpc");
        assertThat(unrouted.statusCode()).isEqualTo(200);
        assertThat(unrouted.headers().firstValue("content-type")).hasValue("application/grpc");
        assertThat(unrouted.headers().firstValue("grpc-status")).hasValue("12");
        assertThat(unrouted.headers().firstValue("grpc-message")).hasValue("lintel:%20Not%20Found");

        assertThat(call("/broken.Service/Method", "application/grpc+proto").headers().firstValue("grpc-status"))
                .hasValue("13");
        assertThat(call("/down.Service/Method", "application/grpc").headers().firstValue("grpc-status"))
                .hasValue("14");
    }

    @Test
    void otherRequestsKeepHttpStatuses() throws Exception {
        HttpResponse<String> response = call("/unknown.Service/Method", "application/json");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("grpc-status")).isEmpty();
    }
}
