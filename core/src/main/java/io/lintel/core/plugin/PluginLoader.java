package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.GatewayFeature;
import io.lintel.core.inject.Setting;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginSetting;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.lintel.spi.config.ConfigSourceFactory;
import io.lintel.spi.filter.FilterKey;
import io.lintel.core.translate.decode.DocumentDecoder;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.ServicePolicyFactory;
import io.lintel.spi.gateway.GatewayTlsExtension;
import io.lintel.spi.kind.DocumentKind;
import io.lintel.spi.kind.HttpRouteKind;
import io.lintel.spi.kind.ListenerSetKind;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
import io.lintel.spi.policy.BackendTlsPolicyKind;
import io.lintel.spi.tls.TlsMaterialLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link PluginRegistry} at start-up from the plugins on a class path (tests, the IDE) and/or in a
 * plugins directory (the distribution).
 *
 * <p>In a plugins directory each subdirectory {@code <name>/} is one plugin: its jars, in name order, get a
 * {@link PluginClassLoader} of their own, and at least one of them must list a {@link LintelPlugin} in
 * {@code META-INF/services/io.lintel.spi.LintelPlugin}. Plain files there (a README) are ignored. Calls into a
 * plugin run with its class loader as the thread's context class loader; the factories of directory plugins are
 * wrapped so that later calls do too.
 *
 * <p>Fails with a {@link PluginLoadException}, which stops start-up, when a directory holds no plugin, a plugin
 * fails while listing what it provides, two plugins claim the same key (filter key, {@code appProtocol}, config
 * source type, TLS loader name, resource kind), or a plugin claims a kind core reads itself; the message names the
 * key and the plugins with their jars.
 */
@SuppressWarnings("try") // the resource is the context class loader switch itself
public final class PluginLoader {

    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

    private final Map<String, Map<String, String>> settingsByPlugin;
    private final Executor blockingExecutor;
    private final Clock clock;
    private final PluginReports reports = new PluginReports();
    private final ClassLoader coreLoader = PluginLoader.class.getClassLoader();

    /**
     * @param settingsByPlugin each plugin's settings, by plugin directory name, class name or {@link LintelPlugin#name()}
     *     (tried in that order)
     * @param blockingExecutor the executor for blocking work every plugin shares; never an event loop
     * @param clock the clock plugins read time from
     */
    public PluginLoader(Map<String, Map<String, String>> settingsByPlugin, Executor blockingExecutor, Clock clock) {
        this.settingsByPlugin = Map.copyOf(requireNonNull(settingsByPlugin, "settingsByPlugin"));
        this.blockingExecutor = requireNonNull(blockingExecutor, "blockingExecutor");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The plugins listed in {@code META-INF/services} on {@code classPath}. */
    public PluginRegistry loadClassPath(ClassLoader classPath) {
        return load(Optional.of(classPath), Optional.empty());
    }

    /** The plugins in the subdirectories of {@code pluginsDirectory}. */
    public PluginRegistry loadDirectory(Path pluginsDirectory) {
        return load(Optional.empty(), Optional.of(pluginsDirectory));
    }

    /** The plugins of a class path (first) and of a plugins directory, into one registry. */
    public PluginRegistry load(Optional<ClassLoader> classPath, Optional<Path> pluginsDirectory) {
        return register(discover(classPath, pluginsDirectory));
    }

    /**
     * Finds and instantiates the plugins of a class path (first) and of a plugins directory, and reads the settings
     * they declare; {@link #register} asks them for the rest once the settings file is installed.
     */
    public DiscoveredPlugins discover(Optional<ClassLoader> classPath, Optional<Path> pluginsDirectory) {
        requireNonNull(classPath, "classPath");
        requireNonNull(pluginsDirectory, "pluginsDirectory");
        List<DiscoveredPlugins.Candidate> candidates = new ArrayList<>();
        classPath.ifPresent(loader -> {
            for (LintelPlugin plugin : providers(loader, "class path")) {
                candidates.add(candidate(plugin, plugin.getClass().getName(), loader, false));
            }
        });
        pluginsDirectory.ifPresent(directory -> {
            for (Path pluginDirectory : pluginDirectories(directory)) {
                String name = pluginDirectory.getFileName().toString();
                PluginClassLoader loader = new PluginClassLoader(name, jarUrls(pluginDirectory), coreLoader);
                List<LintelPlugin> plugins = providers(loader, "plugin directory " + pluginDirectory);
                if (plugins.isEmpty()) {
                    throw new PluginLoadException("plugin directory " + pluginDirectory
                            + " holds no plugin (expected: a jar listing an implementation of "
                            + LintelPlugin.class.getName() + " in META-INF/services/" + LintelPlugin.class.getName() + ")");
                }
                for (LintelPlugin plugin : plugins) {
                    candidates.add(candidate(plugin, name, loader, true));
                }
            }
        });
        return new DiscoveredPlugins(candidates);
    }

    /** Asks each discovered plugin for what it provides, into one registry. */
    public PluginRegistry register(DiscoveredPlugins discovered) {
        RegistryBuilder registry = new RegistryBuilder();
        for (DiscoveredPlugins.Candidate candidate : discovered.candidates()) {
            registry.add(candidate);
        }
        return registry.build();
    }

    private static DiscoveredPlugins.Candidate candidate(LintelPlugin plugin, String contextName, ClassLoader loader,
            boolean wrap) {
        String location = locationOf(plugin.getClass());
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return new DiscoveredPlugins.Candidate(plugin, contextName, loader, wrap, location,
                    List.copyOf(plugin.settings()));
        } catch (RuntimeException | LinkageError e) {
            throw new PluginLoadException("plugin " + plugin.getClass().getName() + " (" + location
                    + ") failed while listing its settings: " + e, e);
        }
    }

    /**
     * The values of a plugin's declared settings ({@code -Dlintel.KEY}, installed from the settings file or given on
     * the command line, else the default), each checked against its declaration; the loader's explicit settings
     * (tests) win.
     */
    private Map<String, String> settingsOf(DiscoveredPlugins.Candidate candidate, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        for (PluginSetting declared : candidate.settings()) {
            Setting setting = Setting.of(declared);
            try {
                values.put(declared.key(), declared.type() == PluginSetting.Type.NUMBER
                        ? Long.toString(setting.currentNumber()) : setting.currentText());
            } catch (IllegalArgumentException e) {
                throw new PluginLoadException("plugin " + name + ": " + e.getMessage(), e);
            }
        }
        values.putAll(settingsByPlugin.getOrDefault(candidate.contextName(),
                settingsByPlugin.getOrDefault(candidate.plugin().getClass().getName(),
                        settingsByPlugin.getOrDefault(name, Map.of()))));
        return values;
    }

    private List<LintelPlugin> providers(ClassLoader loader, String where) {
        List<LintelPlugin> plugins = new ArrayList<>();
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            ServiceLoader.load(LintelPlugin.class, loader).forEach(plugins::add);
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new PluginLoadException("cannot instantiate the plugins of " + where + ": " + e.getMessage(), e);
        }
        return plugins;
    }

    private static List<Path> pluginDirectories(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PluginLoadException("plugins directory " + directory + " does not exist or is not a directory");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new PluginLoadException("cannot list plugins directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static List<URL> jarUrls(Path pluginDirectory) {
        try (Stream<Path> entries = Files.list(pluginDirectory)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : entries.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            return urls;
        } catch (IOException e) {
            throw new PluginLoadException("cannot list plugin directory " + pluginDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Where a class was loaded from, for messages: its jar or classes directory. */
    static String locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown location";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }

    /** A plugin as named in messages: {@code name (jar)}. */
    private record Owner(String name, String location) {
        @Override
        public String toString() {
            return name + " (" + location + ")";
        }
    }

    /** Collects what plugins provide and rejects a second claim on any key. */
    private final class RegistryBuilder {

        private final List<String> plugins = new ArrayList<>();
        private final Map<FilterKey, Claim<HttpFilterFactory>> filterFactories = new LinkedHashMap<>();
        private final Map<String, Claim<BackendProtocolFactory>> backendProtocols = new LinkedHashMap<>();
        private final Map<String, Claim<TlsMaterialLoader>> tlsMaterialLoaders = new LinkedHashMap<>();
        private final Map<String, Claim<ConfigSourceFactory>> configSources = new LinkedHashMap<>();
        private final Map<String, Claim<StreamRouteKind>> streamRouteKinds = new LinkedHashMap<>();
        private final Map<String, Claim<BackendTlsPolicyKind>> backendTlsPolicyKinds = new LinkedHashMap<>();
        private final Map<String, Claim<ListenerSetKind>> listenerSetKinds = new LinkedHashMap<>();
        private final Map<String, Claim<HttpRouteKind>> httpRouteKinds = new LinkedHashMap<>();
        /** The Gateway-level TLS extension, claimed under one key: two plugins providing it stop start-up. */
        private final Map<String, Claim<GatewayTlsExtension>> gatewayTls = new LinkedHashMap<>();
        /** Every resource kind claimed, of whichever sort. */
        private final Map<String, Claim<Owner>> resourceKinds = new LinkedHashMap<>();
        private final Set<GatewayFeature> features = new TreeSet<>();
        private final PolicyClaims policies = new PolicyClaims();

        void add(DiscoveredPlugins.Candidate candidate) {
            LintelPlugin plugin = candidate.plugin();
            String contextName = candidate.contextName();
            ClassLoader loader = candidate.loader();
            boolean wrap = candidate.wrap();
            String location = candidate.location();
            Owner owner;
            Provided provided;
            try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
                String name = plugin.name();
                owner = new Owner(name, location);
                DefaultPluginContext context = new DefaultPluginContext(contextName, settingsOf(candidate, name),
                        blockingExecutor, clock, List.of(), List.of(), reports.forPlugin(name));
                provided = new Provided(
                        Set.copyOf(plugin.features()),
                        List.copyOf(plugin.filterFactories(context)),
                        List.copyOf(plugin.backendProtocols(context)),
                        List.copyOf(plugin.tlsMaterialLoaders(context)),
                        List.copyOf(plugin.configSources(context)),
                        List.copyOf(plugin.policyKinds()),
                        List.copyOf(plugin.servicePolicies(context)),
                        List.copyOf(plugin.streamRouteKinds(context)),
                        List.copyOf(plugin.backendTlsPolicyKinds(context)),
                        List.copyOf(plugin.listenerSetKinds(context)),
                        List.copyOf(plugin.httpRouteKinds(context)),
                        List.copyOf(plugin.gatewayTlsExtensions(context)));
            } catch (PluginLoadException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new PluginLoadException("plugin " + plugin.getClass().getName() + " (" + location
                        + ") failed while listing what it provides: " + e, e);
            }
            plugins.add(owner.name());
            features.addAll(provided.features());
            List<Object> filterKeys = new ArrayList<>();
            List<String> appProtocols = new ArrayList<>();
            List<String> tlsLoaderNames = new ArrayList<>();
            List<String> sourceTypes = new ArrayList<>();
            List<ResourceKind> kinds = new ArrayList<>();
            try {
                for (HttpFilterFactory factory : provided.filterFactories()) {
                    HttpFilterFactory registered = wrap ? new ClassLoaderSafeHttpFilterFactory(factory, loader) : factory;
                    FilterKey key = registered.key();
                    claim(filterFactories, key.toString(), key, registered, owner);
                    features.addAll(registered.features());
                    filterKeys.add(key);
                }
                for (BackendProtocolFactory factory : provided.backendProtocols()) {
                    BackendProtocolFactory registered =
                            wrap ? new ClassLoaderSafeBackendProtocolFactory(factory, loader) : factory;
                    String appProtocol = registered.appProtocol();
                    claim(backendProtocols, "backend protocol (appProtocol) " + appProtocol, appProtocol, registered, owner);
                    features.addAll(registered.features());
                    appProtocols.add(appProtocol);
                }
                for (TlsMaterialLoader tlsLoader : provided.tlsMaterialLoaders()) {
                    TlsMaterialLoader registered = wrap ? new ClassLoaderSafeTlsMaterialLoader(tlsLoader, loader) : tlsLoader;
                    String name = registered.name();
                    claim(tlsMaterialLoaders, "TLS material loader " + name, name, registered, owner);
                    tlsLoaderNames.add(name);
                }
                for (ConfigSourceFactory factory : provided.configSources()) {
                    ConfigSourceFactory registered = wrap ? new ClassLoaderSafeConfigSourceFactory(factory, loader) : factory;
                    String type = registered.type();
                    claim(configSources, "config source type " + type, type, registered, owner);
                    sourceTypes.add(type);
                }
                for (PolicyKind kind : provided.policyKinds()) {
                    policies.claimKind(kind, owner.toString());
                }
                for (ServicePolicyFactory factory : provided.servicePolicies()) {
                    policies.claimFactory(wrap ? new ClassLoaderSafeServicePolicyFactory(factory, loader) : factory,
                            owner.toString());
                }
                claimKinds(provided.streamRouteKinds(), k -> new ClassLoaderSafeStreamRouteKind(k, loader),
                        streamRouteKinds, owner, kinds);
                claimKinds(provided.httpRouteKinds(), k -> new ClassLoaderSafeHttpRouteKind(k, loader),
                        httpRouteKinds, owner, kinds);
                claimKinds(provided.backendTlsPolicyKinds(), k -> new ClassLoaderSafeBackendTlsPolicyKind(k, loader),
                        backendTlsPolicyKinds, owner, kinds);
                claimKinds(provided.listenerSetKinds(), k -> new ClassLoaderSafeListenerSetKind(k, loader),
                        listenerSetKinds, owner, kinds);
                for (GatewayTlsExtension extension : provided.gatewayTlsExtensions()) {
                    GatewayTlsExtension registered = new ClassLoaderSafeGatewayTlsExtension(extension, loader);
                    claim(gatewayTls, "the Gateway TLS extension (spec.tls.frontend, spec.tls.backend)", "gateway-tls",
                            registered, owner);
                    features.addAll(registered.features());
                }
            } catch (PluginLoadException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new PluginLoadException("plugin " + owner + " failed while registering what it provides: " + e, e);
            }
            log.info("Loaded plugin {} from {}: filters {}, backend protocols {}, TLS loaders {}, config sources {},"
                            + " policy kinds {}, kinds {}, features {}",
                    owner.name(), location, filterKeys, appProtocols, tlsLoaderNames, sourceTypes,
                    provided.policyKinds(), kinds, provided.features());
        }

        /**
         * Claims each document kind of one family a plugin provides, wrapped to run in the plugin's class loader
         * context: its group and kind ({@link #claimKind}), its features, and its name in {@code kinds} for the log.
         */
        private <K extends DocumentKind<?>> void claimKinds(List<K> provided, UnaryOperator<K> wrap,
                Map<String, Claim<K>> claims, Owner owner, List<ResourceKind> kinds) {
            for (K kind : provided) {
                K registered = wrap.apply(kind);
                ResourceKind resourceKind = registered.kind();
                claimKind(claims, resourceKind, registered, owner);
                features.addAll(registered.features());
                kinds.add(resourceKind);
            }
        }

        /** Claims a resource kind: one plugin per group and kind, of any sort, and none that core reads itself. */
        private <V> void claimKind(Map<String, Claim<V>> claims, ResourceKind kind, V value, Owner owner) {
            if (DocumentDecoder.readsItself(kind.group(), kind.kind())) {
                throw new PluginLoadException("plugin " + owner + " registers the kind " + kind
                        + ", which core reads itself (expected: a kind core does not read)");
            }
            claim(resourceKinds, "resource kind " + kind, kind.toString(), owner, owner);
            claims.put(kind.toString(), new Claim<>(value, owner));
        }

        private <K, V> void claim(Map<K, Claim<V>> claims, String what, K key, V value, Owner owner) {
            Claim<V> previous = claims.putIfAbsent(key, new Claim<>(value, owner));
            if (previous != null) {
                throw new PluginLoadException(what + " is provided by two plugins: " + previous.owner() + " and " + owner
                        + " (expected: one plugin per key; remove one of them)");
            }
        }

        PluginRegistry build() {
            Set<GatewayFeature> all = new TreeSet<>(PluginRegistry.CORE_FEATURES);
            all.addAll(features);
            log.info("Plugins loaded: {}; features: {}", plugins, all);
            Map<FilterKey, HttpFilterFactory> filters = values(filterFactories);
            return new PluginRegistry(plugins, filters, values(backendProtocols),
                    List.copyOf(values(tlsMaterialLoaders).values()), values(configSources), all,
                    policies.build(filters.keySet()), reports, List.copyOf(values(streamRouteKinds).values()),
                    List.copyOf(values(backendTlsPolicyKinds).values()),
                    List.copyOf(values(listenerSetKinds).values()), List.copyOf(values(httpRouteKinds).values()),
                    List.copyOf(values(gatewayTls).values()));
        }

        private <K, V> Map<K, V> values(Map<K, Claim<V>> claims) {
            Map<K, V> values = new LinkedHashMap<>();
            claims.forEach((key, claim) -> values.put(key, claim.value()));
            return values;
        }
    }

    private record Claim<V>(V value, Owner owner) {}

    private record Provided(
            Set<GatewayFeature> features,
            List<HttpFilterFactory> filterFactories,
            List<BackendProtocolFactory> backendProtocols,
            List<TlsMaterialLoader> tlsMaterialLoaders,
            List<ConfigSourceFactory> configSources,
            List<PolicyKind> policyKinds,
            List<ServicePolicyFactory> servicePolicies,
            List<StreamRouteKind> streamRouteKinds,
            List<BackendTlsPolicyKind> backendTlsPolicyKinds,
            List<ListenerSetKind> listenerSetKinds,
            List<HttpRouteKind> httpRouteKinds,
            List<GatewayTlsExtension> gatewayTlsExtensions) {}
}
