package io.lintel.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.store.ResourceStore;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ConfigSourceFactory;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.gateway.GatewayTlsExtension;
import io.lintel.spi.gateway.GatewayTlsSpec;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
import io.lintel.spi.policy.BackendTlsPolicyKind;
import io.lintel.spi.tls.TlsMaterialLoader;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class PluginLoaderTest {

    private static final String ALPHA = """
            package fixture.alpha;

            import io.lintel.spi.GatewayFeature;
            import io.lintel.spi.LintelPlugin;
            import io.lintel.spi.PluginContext;
            import io.lintel.spi.config.ConfigSource;
            import io.lintel.spi.config.ConfigSourceFactory;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
            import io.lintel.spi.config.ResourceSink;
            import io.lintel.spi.filter.FilterConfig;
            import io.lintel.spi.filter.FilterKey;
            import io.lintel.spi.filter.FilterSpec;
            import io.lintel.spi.filter.HttpFilter;
            import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
            import java.util.List;
            import java.util.Map;
            import java.util.Set;

            public final class AlphaPlugin implements LintelPlugin {
                public String name() { return "alpha"; }

                // Declared only when called with the plugin's loader as context loader, so the test sees that it was.
                public Set<GatewayFeature> features() {
                    return inOwnContext() ? Set.of(GatewayFeature.HTTPRoutePortRedirect) : Set.of();
                }

                public List<HttpFilterFactory> filterFactories(PluginContext context) {
                    return List.of(new HttpFilterFactory() {
                        public FilterKey key() { return FilterKey.filterType("Alpha"); }
                        public Set<GatewayFeature> features() { return Set.of(GatewayFeature.HTTPRouteRequestTimeout); }
                        public FilterSpec translate(FilterConfig config) { return new FilterSpec() {}; }
                        public HttpFilter create(FilterSpec spec) { throw new UnsupportedOperationException(); }
                    });
                }

                public List<ConfigSourceFactory> configSources(PluginContext context) {
                    return List.of(new ConfigSourceFactory() {
                        public String type() { return "alpha"; }
                        public ConfigSource create(Map<String, String> settings, PluginContext ignored) {
                            return new ConfigSource() {
                                public void start(ResourceSink sink) {}
                                public void close() {}
                                public String describe() {
                                    return "plugin=" + context.pluginName()
                                            + " greeting=" + context.settings().get("greeting")
                                            + " ownContext=" + inOwnContext()
                                            + " seesCore=" + visible("io.lintel.core.store.ResourceStore")
                                            + " seesSpi=" + visible("io.lintel.spi.LintelPlugin");
                                }
                            };
                        }
                    });
                }

                static boolean inOwnContext() {
                    return Thread.currentThread().getContextClassLoader() == AlphaPlugin.class.getClassLoader();
                }

                static boolean visible(String className) {
                    try {
                        Class.forName(className, false, AlphaPlugin.class.getClassLoader());
                        return true;
                    } catch (ClassNotFoundException e) {
                        return false;
                    }
                }
            }
            """;

    private static final String BETA = """
            package fixture.beta;

            import io.lintel.spi.LintelPlugin;
            import io.lintel.spi.PluginContext;
            import io.lintel.spi.filter.FilterConfig;
            import io.lintel.spi.filter.FilterKey;
            import io.lintel.spi.filter.FilterSpec;
            import io.lintel.spi.filter.HttpFilter;
            import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
            import java.util.List;

            public final class BetaPlugin implements LintelPlugin {
                public String name() { return "beta"; }

                public List<HttpFilterFactory> filterFactories(PluginContext context) {
                    return List.of(new HttpFilterFactory() {
                        public FilterKey key() { return FilterKey.filterType("Alpha"); }
                        public FilterSpec translate(FilterConfig config) { return new FilterSpec() {}; }
                        public HttpFilter create(FilterSpec spec) { throw new UnsupportedOperationException(); }
                    });
                }
            }
            """;

    /** A plugin registering a route kind of its own group (TCP listeners), which runs in its own context. */
    private static final String GAMMA = """
            package fixture.gamma;

            import io.lintel.spi.GatewayFeature;
            import io.lintel.spi.LintelPlugin;
            import io.lintel.spi.PluginContext;
            import io.lintel.spi.config.KubernetesDocument;
            import io.lintel.spi.kind.FieldViolation;
            import io.lintel.spi.kind.ListenerProtocol;
            import io.lintel.spi.kind.ResourceKind;
            import io.lintel.spi.kind.StreamRoute;
            import io.lintel.spi.kind.StreamRouteKind;
            import java.util.List;
            import java.util.Set;

            public final class GammaPlugin implements LintelPlugin {
                public String name() { return "gamma"; }

                public List<StreamRouteKind> streamRouteKinds(PluginContext context) {
                    return List.of(new StreamRouteKind() {
                        public ResourceKind kind() { return ResourceKind.of(System.getProperty("gamma.group", "example.io"),
                                System.getProperty("gamma.kind", "EchoRoute"), "v1"); }
                        public ListenerProtocol protocol() { return ListenerProtocol.TCP; }
                        public Set<GatewayFeature> features() { return Set.of(GatewayFeature.of("EchoRoute")); }
                        public List<FieldViolation> validate(KubernetesDocument document) {
                            return List.of(new FieldViolation("spec", "ownContext="
                                    + (Thread.currentThread().getContextClassLoader() == GammaPlugin.class.getClassLoader())));
                        }
                        public StreamRoute describe(KubernetesDocument document) { throw new UnsupportedOperationException(); }
                    });
                }
            }
            """;

    /** A plugin declaring a setting the class path test plugin declares too. */
    private static final String DELTA = """
            package fixture.delta;

            import io.lintel.spi.LintelPlugin;
            import io.lintel.spi.PluginSetting;
            import java.util.List;

            public final class DeltaPlugin implements LintelPlugin {
                public String name() { return "delta"; }

                public List<PluginSetting> settings() {
                    return List.of(PluginSetting.text("classPathTest.depth", "deep", "the class path plugin's key"));
                }
            }
            """;

    /** A plugin providing the Gateway TLS extension; describe says whether it runs in the plugin's context. */
    private static final String EPSILON = """
            package fixture.epsilon;

            import io.lintel.spi.GatewayFeature;
            import io.lintel.spi.LintelPlugin;
            import io.lintel.spi.PluginContext;
            import io.lintel.spi.gateway.GatewayTlsDescription;
            import io.lintel.spi.gateway.GatewayTlsExtension;
            import io.lintel.spi.gateway.GatewayTlsSpec;
            import io.lintel.spi.kind.FieldViolation;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.Set;

            public final class EpsilonPlugin implements LintelPlugin {
                public String name() { return "epsilon"; }

                public List<GatewayTlsExtension> gatewayTlsExtensions(PluginContext context) {
                    return List.of(new GatewayTlsExtension() {
                        public Set<GatewayFeature> features() {
                            return Set.of(GatewayFeature.GatewayHTTPSListenerDetectMisdirectedRequests);
                        }
                        public GatewayTlsDescription describe(GatewayTlsSpec tls) {
                            return new GatewayTlsDescription(Optional.empty(), Map.of(), Optional.empty(),
                                    List.of(new FieldViolation("spec.tls", "ownContext=" + (Thread.currentThread()
                                            .getContextClassLoader() == EpsilonPlugin.class.getClassLoader()))));
                        }
                        public boolean detectsMisdirectedRequests() { return true; }
                    });
                }
            }
            """;

    private static Path classes;

    @TempDir
    Path plugins;

    private final PluginLoader loader = new PluginLoader(
            Map.of("alpha", Map.of("greeting", "hello"), ClassPathTestPlugin.class.getName(), Map.of("k", "v")),
            Runnable::run, Clock.systemUTC());

    @BeforeAll
    static void compilePlugins(@TempDir Path work) throws IOException {
        classes = work.resolve("classes");
        TestPluginJars.compile(classes, Map.of("fixture.alpha.AlphaPlugin", ALPHA, "fixture.beta.BetaPlugin", BETA,
                "fixture.gamma.GammaPlugin", GAMMA, "fixture.delta.DeltaPlugin", DELTA, "fixture.epsilon.EpsilonPlugin", EPSILON,
                "io.netty.fixture.PluginOwnCodec", "package io.netty.fixture; public final class PluginOwnCodec {}",
                "io.lintel.spi.fixture.PluginOwnSpi", "package io.lintel.spi.fixture; public final class PluginOwnSpi {}"));
    }

    @Test
    void loadsEachPluginDirectoryAndIgnoresFiles() throws Exception {
        alphaJar(plugins.resolve("alpha"));
        Files.writeString(plugins.resolve("README.txt"), "one directory per plugin");

        PluginRegistry registry = loader.loadDirectory(plugins);

        assertThat(registry.plugins()).containsExactly("alpha");
        assertThat(registry.filterFactories()).containsOnlyKeys(FilterKey.filterType("Alpha"));
        assertThat(registry.configSources()).containsOnlyKeys("alpha");
        assertThat(registry.features())
                .containsAll(PluginRegistry.CORE_FEATURES)
                .contains(GatewayFeature.HTTPRoutePortRedirect, GatewayFeature.HTTPRouteRequestTimeout)
                .hasSize(PluginRegistry.CORE_FEATURES.size() + 2);
    }

    @Test
    void pluginSeesOnlyTheSharedPackagesAndRunsInItsOwnContext() throws Exception {
        alphaJar(plugins.resolve("alpha"));
        PluginRegistry registry = loader.loadDirectory(plugins);

        ConfigSource source = registry.configSources().get("alpha").create(Map.of(), null);

        assertThat(source.describe())
                .isEqualTo("plugin=alpha greeting=hello ownContext=true seesCore=false seesSpi=true");
    }

    @Test
    void pluginClassLoaderDelegatesOnlySharedPackagesToCore() throws Exception {
        Path jar = alphaJar(plugins.resolve("alpha"));
        ClassLoader coreLoader = PluginLoaderTest.class.getClassLoader();
        try (PluginClassLoader pluginLoader = new PluginClassLoader("alpha", List.of(jar.toUri().toURL()), coreLoader)) {
            assertThat(pluginLoader.loadClass(LintelPlugin.class.getName())).isSameAs(LintelPlugin.class);
            assertThat(pluginLoader.loadClass(Logger.class.getName())).isSameAs(Logger.class);
            assertThat(pluginLoader.getResource("io/lintel/spi/LintelPlugin.class")).isNotNull();
            assertThat(pluginLoader.loadClass("fixture.alpha.AlphaPlugin").getClassLoader()).isSameAs(pluginLoader);
            assertThatThrownBy(() -> pluginLoader.loadClass(ResourceStore.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> pluginLoader.loadClass(PluginLoaderTest.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThat(pluginLoader.getResource("io/lintel/core/plugin/PluginLoaderTest.class")).isNull();
        }
        assertThatThrownBy(() -> Class.forName("fixture.alpha.AlphaPlugin", false, coreLoader))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aNettyClassCoreLacksComesFromThePluginButNoSpiClassDoes() throws Exception {
        Path netty = TestPluginJars.jar(plugins.resolve("codec/netty-fixture.jar"), classes, "io/netty/fixture", null);
        Path spi = TestPluginJars.jar(plugins.resolve("codec/spi-fixture.jar"), classes, "io/lintel/spi/fixture", null);
        ClassLoader coreLoader = PluginLoaderTest.class.getClassLoader();
        try (PluginClassLoader pluginLoader = new PluginClassLoader("codec",
                List.of(netty.toUri().toURL(), spi.toUri().toURL()), coreLoader)) {
            // a Netty module of the plugin's own (e.g. netty-codec-redis), on top of core's Netty
            assertThat(pluginLoader.loadClass("io.netty.fixture.PluginOwnCodec").getClassLoader()).isSameAs(pluginLoader);
            assertThat(pluginLoader.loadClass(io.netty.channel.Channel.class.getName()))
                    .isSameAs(io.netty.channel.Channel.class);
            // the SPI is core's alone: a plugin cannot add to it
            assertThatThrownBy(() -> pluginLoader.loadClass("io.lintel.spi.fixture.PluginOwnSpi"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void twoPluginsClaimingOneKeyStopLoadingNamingBoth() throws Exception {
        Path alpha = alphaJar(plugins.resolve("a"));
        Path beta = TestPluginJars.jar(plugins.resolve("b").resolve("beta.jar"), classes, "fixture/beta",
                "fixture.beta.BetaPlugin");

        assertThatThrownBy(() -> loader.loadDirectory(plugins))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("filter type Alpha")
                .hasMessageContaining("alpha (" + alpha + ")")
                .hasMessageContaining("beta (" + beta + ")");
    }

    @Test
    void aPluginsRouteKindIsRegisteredWithItsFeaturesAndCalledInThePluginsContext() throws Exception {
        gammaJar(plugins.resolve("gamma"));

        PluginRegistry registry = loader.loadDirectory(plugins);

        assertThat(registry.resourceKinds()).containsExactly(ResourceKind.of("example.io", "EchoRoute", "v1"));
        assertThat(registry.features()).contains(GatewayFeature.of("EchoRoute"));
        StreamRouteKind kind = registry.streamRouteKinds().get(0);
        assertThat(kind.protocol()).isEqualTo(ListenerProtocol.TCP);
        KubernetesDocument document = new KubernetesDocument(new ResourceKey("example.io", "EchoRoute", "a", "b"),
                "example.io/v1", Map.of(), new SourceLocation("test", 1));
        assertThat(kind.validate(document)).containsExactly(new FieldViolation("spec", "ownContext=true"));
    }

    @Test
    void aPluginsGatewayTlsExtensionIsRegisteredWithItsFeaturesAndCalledInThePluginsContext() throws Exception {
        epsilonJar(plugins.resolve("epsilon"));

        PluginRegistry registry = loader.loadDirectory(plugins);

        assertThat(registry.features()).contains(GatewayFeature.GatewayHTTPSListenerDetectMisdirectedRequests);
        GatewayTlsExtension extension = registry.gatewayTls().orElseThrow();
        assertThat(extension.detectsMisdirectedRequests()).isTrue();
        assertThat(extension.describe(GatewayTlsSpec.NONE).violations())
                .containsExactly(new FieldViolation("spec.tls", "ownContext=true"));
    }

    @Test
    void twoPluginsProvidingTheGatewayTlsExtensionStopLoadingNamingBoth() throws Exception {
        Path first = epsilonJar(plugins.resolve("epsilon-1"));
        Path second = epsilonJar(plugins.resolve("epsilon-2"));

        assertThatThrownBy(() -> loader.loadDirectory(plugins))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("the Gateway TLS extension")
                .hasMessageContaining("is provided by two plugins")
                .hasMessageContaining("epsilon (" + first + ")")
                .hasMessageContaining("epsilon (" + second + ")");
    }

    @Test
    void twoPluginsRegisteringOneKindStopLoadingNamingBoth() throws Exception {
        Path first = gammaJar(plugins.resolve("gamma-1"));
        Path second = gammaJar(plugins.resolve("gamma-2"));

        assertThatThrownBy(() -> loader.loadDirectory(plugins))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("resource kind example.io/EchoRoute is provided by two plugins")
                .hasMessageContaining("gamma (" + first + ")")
                .hasMessageContaining("gamma (" + second + ")");
    }

    @Test
    void aPluginMayNotRegisterAKindCoreReads() throws Exception {
        gammaJar(plugins.resolve("gamma"));
        System.setProperty("gamma.group", "gateway.networking.k8s.io");
        System.setProperty("gamma.kind", "HTTPRoute");
        try {
            assertThatThrownBy(() -> loader.loadDirectory(plugins))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("registers the kind gateway.networking.k8s.io/HTTPRoute, which core reads itself");
        } finally {
            System.clearProperty("gamma.group");
            System.clearProperty("gamma.kind");
        }
    }

    @Test
    void directoryWithoutAPluginIsAnErrorNamingIt() throws Exception {
        alphaJar(plugins.resolve("alpha"));
        TestPluginJars.jar(plugins.resolve("empty").resolve("no-services.jar"), classes, "fixture/beta", null);

        assertThatThrownBy(() -> loader.loadDirectory(plugins))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(plugins.resolve("empty").toString())
                .hasMessageContaining("holds no plugin");
    }

    @Test
    void missingPluginsDirectoryIsAnError() {
        Path missing = plugins.resolve("missing");
        assertThatThrownBy(() -> loader.loadDirectory(missing))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void loadsPluginsListedOnTheClassPath() throws Exception {
        Path services = plugins.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(LintelPlugin.class.getName()), ClassPathTestPlugin.class.getName() + "\n");
        try (URLClassLoader classPath = new URLClassLoader(new URL[] {plugins.toUri().toURL()},
                PluginLoaderTest.class.getClassLoader())) {
            PluginRegistry registry = loader.loadClassPath(classPath);

            assertThat(registry.plugins()).containsExactly("class-path-test");
            assertThat(registry.features()).contains(GatewayFeature.HTTPRouteRetry);
            ConfigSourceFactory factory = registry.configSources().get("class-path-test");
            assertThat(factory).isInstanceOf(ClassPathTestPlugin.Factory.class);
            assertThat(factory.create(Map.of(), null).describe())
                    .isEqualTo(ClassPathTestPlugin.class.getName() + " {classPathTest.depth=3, k=v}");
        }
    }

    @Test
    void classPathAndDirectoryLoadIntoOneRegistry() throws Exception {
        alphaJar(plugins.resolve("plugins").resolve("alpha"));
        Path services = plugins.resolve("cp/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(LintelPlugin.class.getName()), ClassPathTestPlugin.class.getName() + "\n");
        try (URLClassLoader classPath = new URLClassLoader(new URL[] {plugins.resolve("cp").toUri().toURL()},
                PluginLoaderTest.class.getClassLoader())) {
            PluginRegistry registry = loader.load(java.util.Optional.of(classPath),
                    java.util.Optional.of(plugins.resolve("plugins")));

            assertThat(registry.plugins()).containsExactly("class-path-test", "alpha");
            assertThat(registry.configSources()).containsOnlyKeys("class-path-test", "alpha");
        }
    }

    @Test
    void classLoaderSafeWrappersOverrideEveryMethod() {
        assertOverridesAll(ClassLoaderSafeHttpFilterFactory.class, HttpFilterFactory.class);
        assertOverridesAll(ClassLoaderSafeBackendProtocolFactory.class, BackendProtocolFactory.class);
        assertOverridesAll(ClassLoaderSafeTlsMaterialLoader.class, TlsMaterialLoader.class);
        assertOverridesAll(ClassLoaderSafeConfigSourceFactory.class, ConfigSourceFactory.class);
        assertOverridesAll(ClassLoaderSafeConfigSource.class, ConfigSource.class);
        assertOverridesAll(ClassLoaderSafeStreamRouteKind.class, StreamRouteKind.class);
        assertOverridesAll(ClassLoaderSafeBackendTlsPolicyKind.class, BackendTlsPolicyKind.class);
    }

    private static void assertOverridesAll(Class<?> wrapper, Class<?> spi) {
        for (Method method : spi.getMethods()) {
            assertThat(declares(wrapper, method))
                    .as("%s overrides %s (a new SPI method needs a context-class-loader wrapper too)",
                            wrapper.getSimpleName(), method)
                    .isTrue();
        }
    }

    /** Whether {@code type} or one of its superclasses (a shared wrapper base) declares the method: not a default. */
    private static boolean declares(Class<?> type, Method method) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                return true;
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        return false;
    }

    @Test
    void discoveryListsTheSettingsPluginsDeclareWithTheirOwner() throws Exception {
        try (URLClassLoader classPath = classPathWithTestPlugin()) {
            DiscoveredPlugins discovered = loader.discover(Optional.of(classPath), Optional.empty());

            assertThat(discovered.settings()).singleElement().satisfies(declared -> {
                assertThat(declared.setting()).isEqualTo(ClassPathTestPlugin.DEPTH);
                assertThat(declared.plugin()).startsWith(ClassPathTestPlugin.class.getName() + " (");
            });
        }
    }

    @Test
    void aDeclaredSettingReachesThePluginFromItsSystemPropertyElseItsDefault() throws Exception {
        PluginLoader plain = new PluginLoader(Map.of(), Runnable::run, Clock.systemUTC());
        try (URLClassLoader classPath = classPathWithTestPlugin()) {
            assertThat(describe(plain.loadClassPath(classPath))).endsWith("{classPathTest.depth=3}");
            System.setProperty("lintel.classPathTest.depth", "7");
            try {
                assertThat(describe(plain.loadClassPath(classPath))).endsWith("{classPathTest.depth=7}");
                System.setProperty("lintel.classPathTest.depth", "70");
                assertThatThrownBy(() -> plain.loadClassPath(classPath))
                        .isInstanceOf(PluginLoadException.class)
                        .hasMessageContaining("-Dlintel.classPathTest.depth=70")
                        .hasMessageContaining("from 1 to 10");
            } finally {
                System.clearProperty("lintel.classPathTest.depth");
            }
        }
    }

    @Test
    void twoPluginsDeclaringOneSettingStopDiscoveryNamingBoth() throws Exception {
        Path delta = TestPluginJars.jar(plugins.resolve("plugins/delta/delta.jar"), classes, "fixture/delta",
                "fixture.delta.DeltaPlugin");
        try (URLClassLoader classPath = classPathWithTestPlugin()) {
            assertThatThrownBy(() -> loader.discover(Optional.of(classPath), Optional.of(plugins.resolve("plugins"))))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("setting classPathTest.depth is declared by two plugins")
                    .hasMessageContaining(ClassPathTestPlugin.class.getName())
                    .hasMessageContaining("delta (" + delta + ")");
        }
    }

    private URLClassLoader classPathWithTestPlugin() throws IOException {
        Path services = plugins.resolve("cp/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(LintelPlugin.class.getName()), ClassPathTestPlugin.class.getName() + "\n");
        return new URLClassLoader(new URL[] {plugins.resolve("cp").toUri().toURL()}, PluginLoaderTest.class.getClassLoader());
    }

    private static String describe(PluginRegistry registry) {
        return registry.configSources().get("class-path-test").create(Map.of(), null).describe();
    }

    private static Path gammaJar(Path directory) throws IOException {
        return TestPluginJars.jar(directory.resolve("gamma.jar"), classes, "fixture/gamma", "fixture.gamma.GammaPlugin");
    }

    private static Path epsilonJar(Path directory) throws IOException {
        return TestPluginJars.jar(directory.resolve("epsilon.jar"), classes, "fixture/epsilon",
                "fixture.epsilon.EpsilonPlugin");
    }

    private static Path alphaJar(Path directory) throws IOException {
        return TestPluginJars.jar(directory.resolve("alpha.jar"), classes, "fixture/alpha", "fixture.alpha.AlphaPlugin");
    }
}
