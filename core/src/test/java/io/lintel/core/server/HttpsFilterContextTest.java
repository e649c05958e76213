package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrClientValidation;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrTls;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.testing.TestTls;
import io.lintel.spi.filter.ClientTls;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.RuleRef;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TLS facts a filter's request context reports, on the wire: a JDK TLS client with SNI and a client certificate
 * against an HTTPS listener that asks for one.
 */
@ExtendWith(NettyLeakDetection.class)
class HttpsFilterContextTest {

    // the certificates HttpsClientCertificateTest.clientContext trusts and presents
    private static final TestTls.Pem SERVER = HttpsClientCertificateTest.SERVER;
    private static final TestTls.Pem CLIENT = HttpsClientCertificateTest.TRUSTED;
    private static final FilterKey KEY = FilterKey.filterType("RecordTls");

    record Spec() implements FilterSpec {}

    private final List<Optional<ClientTls>> seen = new CopyOnWriteArrayList<>();
    private final List<InetSocketAddress> clients = new CopyOnWriteArrayList<>();
    private LoopbackDataPlane dataPlane;
    private TestBackend backend;

    @BeforeEach
    void start() throws Exception {
        HttpFilter record = (request, next) -> {
            seen.add(next.context().tls());
            clients.add((InetSocketAddress) next.context().remoteAddress());
            return next.proceed(request);
        };
        HttpFilterFactory factory = new HttpFilterFactory() {
            @Override
            public FilterKey key() {
                return KEY;
            }

            @Override
            public FilterSpec translate(FilterConfig config) {
                return new Spec();
            }

            @Override
            public HttpFilter create(FilterSpec spec, RuleRef rule) {
                return record;
            }
        };
        backend = new TestBackend("A");
        dataPlane = LoopbackDataPlane.start(new PluginRegistry(List.of("test"), Map.of(KEY, factory), Map.of(),
                List.of(), Map.of(), PluginRegistry.CORE_FEATURES));
        IrRule rule = new IrRule("httproute/default/tls/rule/0", Optional.empty(), List.of(new IrFilter(KEY, new Spec())),
                List.of(backend("a", 1, backend.port())), 0);
        IrListener listener = new IrListener("https", "*", List.of(io.lintel.core.route.IrFixtures.vhost("*",
                prefix("/", rule))), Optional.of(new IrTls(List.of(IrCertificate.of("infra/localhost", SERVER.material())),
                Optional.empty(), Optional.of(IrClientValidation.of(IrClientValidation.Mode.AllowInsecureFallback,
                        List.of("ConfigMap infra/ca"), List.of(CLIENT.certificate()))))));
        dataPlane.serve(IrProtocol.HTTPS, listener);
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
    }

    @Test
    void aFilterSeesTheServerNameProtocolAndClientCertificate() throws Exception {
        try (TlsClient client = new TlsClient(dataPlane.port(), "localhost",
                HttpsClientCertificateTest.clientContext(CLIENT, new AtomicBoolean()))) {
            assertThat(client.get("localhost", "/")).startsWith("200 ");
        }

        assertThat(seen).singleElement().satisfies(tls -> {
            assertThat(tls).isPresent();
            assertThat(tls.get().serverName()).isEqualTo("localhost");
            assertThat(tls.get().protocol()).startsWith("TLSv1.");
            assertThat(tls.get().applicationProtocol()).as("the client offered no ALPN").isEmpty();
            assertThat(tls.get().peerCertificates()).containsExactly(CLIENT.certificate());
        });
        assertThat(clients).singleElement().satisfies(address ->
                assertThat(address.getAddress().isLoopbackAddress()).isTrue());
    }

    @Test
    void aClientWithoutCertificateHasAnEmptyChain() throws Exception {
        try (TlsClient client = new TlsClient(dataPlane.port(), "localhost",
                HttpsClientCertificateTest.clientContext(null, new AtomicBoolean()))) {
            assertThat(client.get("localhost", "/")).startsWith("200 ");
        }

        assertThat(seen).singleElement().satisfies(tls -> assertThat(tls.orElseThrow().peerCertificates()).isEmpty());
    }
}
