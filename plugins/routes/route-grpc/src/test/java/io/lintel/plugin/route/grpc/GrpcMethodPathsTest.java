package io.lintel.plugin.route.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.route.PathMatcher;
import io.lintel.spi.kind.HttpRouteMatch.PathMatch;
import io.lintel.spi.kind.HttpRouteMatch.PathMatchType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpcMethodPathsTest {

    private static Map<String, Object> match(String type, String service, String method) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("service", service);
        m.put("method", method);
        return m;
    }

    /** Runs the described path as core's data plane does. */
    private static boolean matches(PathMatch path, String requestPath) {
        IrPathMatch ir = new IrPathMatch(IrPathMatch.Type.valueOf(path.type().name()), path.value());
        return PathMatcher.of(ir, com.google.re2j.Pattern::compile).matches(requestPath);
    }

    @Test
    void noMethodMatchMatchesEveryCall() {
        assertThat(GrpcMethodPaths.of(null)).isEqualTo(PathMatch.ANY);
    }

    @Test
    void exactServiceAndMethodIsAnExactPath() {
        PathMatch path = GrpcMethodPaths.of(match(null, "pkg.Echo", "Ping"));

        assertThat(path).isEqualTo(new PathMatch(PathMatchType.EXACT, "/pkg.Echo/Ping"));
        assertThat(matches(path, "/pkg.Echo/Ping")).isTrue();
        assertThat(matches(path, "/pkg.Echo/PingTwo")).isFalse();
    }

    @Test
    void aServiceAloneMatchesEachOfItsMethodsOnly() {
        PathMatch path = GrpcMethodPaths.of(match("Exact", "pkg.Echo", null));

        assertThat(matches(path, "/pkg.Echo/Ping")).isTrue();
        assertThat(matches(path, "/pkg.Echo/Pong")).isTrue();
        assertThat(matches(path, "/pkg.EchoTwo/Ping")).isFalse();
    }

    @Test
    void aMethodAloneMatchesItInEveryService() {
        PathMatch path = GrpcMethodPaths.of(match("Exact", null, "Ping"));

        assertThat(matches(path, "/pkg.Echo/Ping")).isTrue();
        assertThat(matches(path, "/other.Service/Ping")).isTrue();
        assertThat(matches(path, "/pkg.Echo/PingPong")).isFalse();
        assertThat(matches(path, "/a/b/Ping")).isFalse();
    }

    @Test
    void regularExpressionsApplyToTheirPartOnly() {
        PathMatch path = GrpcMethodPaths.of(match("RegularExpression", "pkg\\..*", "Get|List"));

        assertThat(path.type()).isEqualTo(PathMatchType.REGULAR_EXPRESSION);
        assertThat(matches(path, "/pkg.Echo/Get")).isTrue();
        assertThat(matches(path, "/pkg.Store/List")).isTrue();
        assertThat(matches(path, "/pkg.Echo/Getter")).isFalse();
        assertThat(matches(path, "/other.Echo/Get")).isFalse();
        assertThat(matches(GrpcMethodPaths.of(match("RegularExpression", null, "Get.*")), "/any.Service/GetAll"))
                .isTrue();
    }
}
