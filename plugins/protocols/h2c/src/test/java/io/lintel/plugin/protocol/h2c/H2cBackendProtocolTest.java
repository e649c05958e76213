package io.lintel.plugin.protocol.h2c;

import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.core.server.NettyLeakDetection;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An HTTP/1.1 client through the real data plane to an HTTP/2-only backend. */
@ExtendWith(NettyLeakDetection.class)
class H2cBackendProtocolTest {

    private H2cTestServer backend;
    private NettyDataPlane dataPlane;
    private int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        backend = new H2cTestServer();
        port = H2cDataPlanes.freePort();
        dataPlane = H2cDataPlanes.start();
        IrBackend h2c = new IrBackend("default/h2c:8081", 1, "kubernetes.io/h2c",
                List.of(new IrEndpoint("127.0.0.1", backend.port())), 0, List.of());
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/", rule("h2c", h2c)))))))).isEmpty();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(LintelPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof H2cProtocolPlugin)).singleElement().satisfies(plugin ->
                        assertThat(plugin.backendProtocols(null)).singleElement().satisfies(p -> {
                            assertThat(p.appProtocol()).isEqualTo("kubernetes.io/h2c");
                            // the GRPCRoute features are the route-grpc plugin's, whose backends it speaks to
                            assertThat(p.features()).containsExactly(GatewayFeature.HTTPRouteBackendProtocolH2C);
                        }));
    }

    @Test
    void forwardsHttp11RequestsAsHttp2StreamsOnOneConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/path/" + i + "?q=1")).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("GET /path/" + i + "?q=1 ");
            assertThat(response.headers().firstValue("x-backend-protocol")).hasValue("h2");
            assertThat(response.headers().firstValue("x-authority")).hasValue("127.0.0.1:" + port);
            assertThat(response.headers().map().keySet()).noneMatch(name -> name.startsWith("x-http2-"));
        }
        assertThat(backend.connections).hasSize(1);
    }

    @Test
    void forwardsARequestBody() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/echo")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("hello h2")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("POST /echo hello h2");
    }
}
