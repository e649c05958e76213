package io.lintel.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCMethodMatch;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.route.PathMatcher;
import org.junit.jupiter.api.Test;

class GrpcMethodPathsTest {

    private static GRPCMethodMatch match(String type, String service, String method) {
        GRPCMethodMatch m = new GRPCMethodMatch();
        m.setType(type);
        m.setService(service);
        m.setMethod(method);
        return m;
    }

    private static boolean matches(IrPathMatch path, String requestPath) {
        return PathMatcher.of(path, com.google.re2j.Pattern::compile).matches(requestPath);
    }

    @Test
    void noMethodMatchMatchesEveryCall() {
        assertThat(GrpcMethodPaths.of(null)).isEqualTo(IrPathMatch.MATCH_ALL);
    }

    @Test
    void exactServiceAndMethodIsAnExactPath() {
        IrPathMatch path = GrpcMethodPaths.of(match(null, "pkg.Echo", "Ping"));

        assertThat(path).isEqualTo(new IrPathMatch(IrPathMatch.Type.EXACT, "/pkg.Echo/Ping"));
        assertThat(matches(path, "/pkg.Echo/Ping")).isTrue();
        assertThat(matches(path, "/pkg.Echo/PingTwo")).isFalse();
    }

    @Test
    void aServiceAloneMatchesEachOfItsMethodsOnly() {
        IrPathMatch path = GrpcMethodPaths.of(match("Exact", "pkg.Echo", null));

        assertThat(matches(path, "/pkg.Echo/Ping")).isTrue();
        assertThat(matches(path, "/pkg.Echo/Pong")).isTrue();
        assertThat(matches(path, "/pkg.EchoTwo/Ping")).isFalse();
    }

    @Test
    void aMethodAloneMatchesItInEveryService() {
        IrPathMatch path = GrpcMethodPaths.of(match("Exact", null, "Ping"));

        assertThat(matches(path, "/pkg.Echo/Ping")).isTrue();
        assertThat(matches(path, "/other.Service/Ping")).isTrue();
        assertThat(matches(path, "/pkg.Echo/PingPong")).isFalse();
        assertThat(matches(path, "/a/b/Ping")).isFalse();
    }

    @Test
    void regularExpressionsApplyToTheirPartOnly() {
        IrPathMatch path = GrpcMethodPaths.of(match("RegularExpression", "pkg\\..*", "Get|List"));

        assertThat(path.type()).isEqualTo(IrPathMatch.Type.REGULAR_EXPRESSION);
        assertThat(matches(path, "/pkg.Echo/Get")).isTrue();
        assertThat(matches(path, "/pkg.Store/List")).isTrue();
        assertThat(matches(path, "/pkg.Echo/Getter")).isFalse();
        assertThat(matches(path, "/other.Echo/Get")).isFalse();
        assertThat(matches(GrpcMethodPaths.of(match("RegularExpression", null, "Get.*")), "/any.Service/GetAll"))
                .isTrue();
    }
}
