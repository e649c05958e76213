package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTls;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.testing.TestTls;
import io.lintel.spi.tls.TlsMaterial;
import io.netty.handler.ssl.SslContext;
import java.security.PrivateKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The compiler's SNI selection per HTTPS socket. */
class CompiledTlsTest {

    private static final TestTls.Pem EXACT = TestTls.selfSigned("a.test");
    private static final TestTls.Pem WILD = TestTls.selfSigned("*.a.test");
    private static final TestTls.Pem ANY = TestTls.selfSigned("any.test");

    private final SslContextCache cache = new SslContextCache();

    private static IrListener listener(String hostname, IrCertificate certificate) {
        return new IrListener("gateway/infra/gw/listener/" + hostname, hostname, List.of(),
                Optional.of(new IrTls(List.of(certificate))));
    }

    private CompiledTls compile(IrListener... listeners) {
        Ir ir = new Ir(List.of(new IrSocket("127.0.0.1", 443, IrProtocol.HTTPS, List.of(listeners))));
        return new RouteTableCompiler(PluginRegistry.EMPTY, ProxyMetrics.NOOP, cache).compile(ir).sockets()
                .get(new SocketKey("127.0.0.1", 443)).tls();
    }

    private SslContext context(IrCertificate certificate) {
        return cache.get(certificate);
    }

    @Test
    void selectsExactThenWildcardThenCatchAll() {
        IrCertificate exact = IrCertificate.of("infra/exact", EXACT.material());
        IrCertificate wild = IrCertificate.of("infra/wild", WILD.material());
        IrCertificate any = IrCertificate.of("infra/any", ANY.material());

        CompiledTls tls = compile(listener("a.test", exact), listener("*.a.test", wild), listener("*", any));

        assertThat(tls.select("a.test")).isSameAs(context(exact));
        assertThat(tls.select("A.TEST.")).isSameAs(context(exact));
        assertThat(tls.select("x.y.a.test")).isSameAs(context(wild));
        assertThat(tls.select("b.test")).isSameAs(context(any));
        assertThat(tls.select(null)).isSameAs(context(any));
        assertThat(tls.select("")).isSameAs(context(any));
    }

    @Test
    void aCertificateTheProviderRefusesLeavesTheOtherListenersSelectable() {
        PrivateKey garbage = new PrivateKey() {
            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return "PKCS#8";
            }

            @Override
            public byte[] getEncoded() {
                return new byte[] {1, 2, 3};
            }
        };
        IrCertificate refused = IrCertificate.of("infra/refused", new TlsMaterial(garbage, List.of(EXACT.certificate())));
        IrCertificate wild = IrCertificate.of("infra/wild", WILD.material());

        CompiledTls tls = compile(listener("a.test", refused), listener("*.a.test", wild));

        assertThat(tls.select("x.a.test")).isSameAs(context(wild));
        assertThat(tls.select("a.test")).as("no catch-all: the first usable listener's").isSameAs(context(wild));
    }

    @Test
    void clearTextSocketsHaveNoTls() {
        Ir ir = new Ir(List.of(new IrSocket("127.0.0.1", 80, IrProtocol.HTTP,
                List.of(new IrListener("gateway/infra/gw/listener/http", "*", List.of())))));

        assertThat(new RouteTableCompiler(PluginRegistry.EMPTY, ProxyMetrics.NOOP, cache).compile(ir).sockets()
                .get(new SocketKey("127.0.0.1", 80)).tls()).isNull();
    }
}
