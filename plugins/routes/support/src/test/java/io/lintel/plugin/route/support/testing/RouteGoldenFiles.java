package io.lintel.plugin.route.support.testing;

import io.lintel.core.plugin.PluginLoader;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.testing.TestTls;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The translator golden cases of a route kind plugin ({@code *.in.yaml} → {@code *.out.yaml}, see core's
 * {@link GoldenFiles}), translated with the plugins on the test class path loaded as core loads them: the module's
 * own, plus the sibling plugins its cases need (test dependencies), their kinds and features added to core's. The
 * backend TLS policy and listenerset plugins use it too.
 */
public final class RouteGoldenFiles {

    private RouteGoldenFiles() {}

    /** The cases of {@code directory}, without a TLS loader (listeners that terminate TLS are not served). */
    public static Stream<DynamicTest> cases(Path directory) {
        return GoldenFiles.cases(directory, registry());
    }

    /** The cases of {@code directory}, with core's test PEM loader for listener certificates. */
    public static Stream<DynamicTest> casesWithTls(Path directory) {
        PluginRegistry plugins = registry();
        return GoldenFiles.cases(directory, new PluginRegistry(plugins.plugins(), plugins.filterFactories(),
                plugins.backendProtocols(), List.of(TestTls.PEM_LOADER), plugins.configSources(), plugins.features(),
                plugins.policies(), plugins.reports(), plugins.streamRouteKinds(), plugins.backendTlsPolicyKinds(),
                plugins.listenerSetKinds(), plugins.httpRouteKinds(), plugins.gatewayTlsExtensions()));
    }

    /** The plugins of the test class path, loaded by core's loader. */
    public static PluginRegistry registry() {
        return new PluginLoader(Map.of(), Runnable::run, Clock.systemUTC())
                .loadClassPath(RouteGoldenFiles.class.getClassLoader());
    }
}
