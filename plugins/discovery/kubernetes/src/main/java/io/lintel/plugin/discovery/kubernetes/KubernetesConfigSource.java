package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.lintel.plugin.discovery.kubernetes.KubernetesSourceSettings.Mode;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.ResourceSink;
import io.lintel.spi.config.StatusWriter;
import io.lintel.spi.kind.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Gateway API resources and the core objects they refer to from a Kubernetes API server with one informer per
 * kind, pushes them into the store as plain-map documents, and writes computed status back.
 *
 * <p>{@link #start} resolves each kind to a version the server serves (a missing experimental CRD is reported by
 * {@link #describe} and looked for again every {@code rediscoveryInterval}, never fatal), starts the informers
 * (each blocks until its initial list is read), pushes everything listed and marks the sink synced. Informer events
 * then keep the store current. Status goes through a {@link StatusPublisher}; with leader election on, only the
 * holder of the Lease writes status and, in provisioner mode, provisions; every replica serves.
 */
final class KubernetesConfigSource implements ConfigSource {

    private static final Logger log = LoggerFactory.getLogger(KubernetesConfigSource.class);

    private final KubernetesSourceSettings settings;
    private final Function<KubernetesSourceSettings, KubernetesClient> clientFactory;
    private final Object pushLock = new Object();
    private final Map<String, ServedKind> servedByGroupKind = new ConcurrentHashMap<>();
    private final Map<String, String> missing = new ConcurrentHashMap<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final List<WatchedKind> watched;
    private volatile KubernetesClient client;
    private volatile DocumentConverter converter;
    private volatile ResourceSink sink;
    private volatile StatusPublisher publisher;
    private volatile LeaderElection election;
    private volatile GatewayProvisioner provisioner;
    private volatile ServiceAddresses sharedAddresses;
    private volatile ScheduledExecutorService rediscovery;
    private volatile boolean closed;

    KubernetesConfigSource(KubernetesSourceSettings settings, Function<KubernetesSourceSettings, KubernetesClient> clientFactory) {
        this(settings, clientFactory, List.of());
    }

    /**
     * @param pluginKinds every kind the loaded plugins read, of whichever family (TLSRoute, RateLimitPolicy,
     *     BackendTLSPolicy...): watched beside core's and given status; a kind the {@code extensionKinds} setting
     *     names is watched as the setting says instead
     */
    KubernetesConfigSource(KubernetesSourceSettings settings, Function<KubernetesSourceSettings, KubernetesClient> clientFactory,
            List<ResourceKind> pluginKinds) {
        this.settings = requireNonNull(settings, "settings");
        this.clientFactory = requireNonNull(clientFactory, "clientFactory");
        List<WatchedKind> kinds = new ArrayList<>(WatchedKind.defaults());
        // The operator's extensionKinds entry (which may pin a version) wins over a plugin's own declaration, and a
        // kind is watched once: two informers for one kind would push every object twice.
        pluginKinds.stream().filter(kind -> !namedBySettings(settings, kind)).forEach(k -> kinds.add(WatchedKind.plugin(k)));
        settings.extensionKinds().forEach(k -> kinds.add(WatchedKind.extension(k.group(), k.version(), k.kind())));
        this.watched = List.copyOf(kinds);
        if (settings.writeStatus()) {
            // Created here so that statusWriter() has it before start(); it talks to the server only once started.
            publisher = new StatusPublisher(new StatusUpdater(() -> client, this::cached), this::servedKind, this::mayWrite, this::addressesOf);
        }
    }

    private static boolean namedBySettings(KubernetesSourceSettings settings, ResourceKind kind) {
        return settings.extensionKinds().stream().anyMatch(k -> k.group().equals(kind.group()) && k.kind().equals(kind.kind()));
    }

    @Override
    public void start(ResourceSink sink) throws Exception {
        this.sink = requireNonNull(sink, "sink");
        KubernetesClient created = clientFactory.apply(settings);
        client = created;
        converter = new DocumentConverter(created.getKubernetesSerialization());
        log.info("Reading Gateway API resources from {} ({})", created.getMasterUrl(),
                settings.namespace().map(ns -> "namespace " + ns).orElse("all namespaces"));
        if (settings.mode() == Mode.PROVISIONER) {
            provisioner = new GatewayProvisioner(created, settings, this::mayWrite, this::gatewayAddressesChanged);
        }
        settings.addressesFromService().ifPresent(service -> sharedAddresses = new ServiceAddresses(service));
        KindResolver resolver = new KindResolver(created);
        List<CompletableFuture<?>> started = new ArrayList<>();
        for (WatchedKind kind : watched) {
            resolveAndWatch(resolver, kind).ifPresent(started::add);
        }
        // The informers list and watch in parallel; the initial state is complete once every one has listed.
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get();
        pushAll();
        sink.markSynced();
        if (publisher != null) {
            publisher.start();
        }
        if (provisioner != null) {
            provisioner.start();
        }
        startElection(created);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(LeaderElection.daemon("lintel-kubernetes-rediscovery"));
        rediscovery = scheduler;
        long interval = settings.rediscoveryInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::rediscover, interval, interval, TimeUnit.MILLISECONDS);
        log.info("Synced {} kinds{}", servedByGroupKind.size(), missing.isEmpty() ? "" : "; not served: " + missing.values());
    }

    private void startElection(KubernetesClient created) {
        if (!settings.leaderElection() || !(settings.writeStatus() || settings.mode() == Mode.PROVISIONER)) {
            // Without election this replica acts as the leader: it writes status (and provisions) right away.
            leadershipChanged(true);
            return;
        }
        String namespace = settings.leaseNamespace().or(settings::namespace)
                .orElseGet(() -> Optional.ofNullable(created.getNamespace()).orElse("default"));
        String identity = settings.identity()
                .or(() -> Optional.ofNullable(System.getenv("POD_NAME")))
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
                .orElseGet(() -> "lintel-" + UUID.randomUUID());
        LeaderElection leaderElection = new LeaderElection(created, namespace, settings.leaseName(), identity,
                settings.leaseDuration(), settings.renewDeadline(), settings.retryPeriod(), this::leadershipChanged);
        election = leaderElection;
        leaderElection.start();
    }

    private void leadershipChanged(boolean leader) {
        if (!leader) {
            return;
        }
        StatusPublisher current = publisher;
        if (current != null) {
            current.writeAll();
        }
        GatewayProvisioner currentProvisioner = provisioner;
        if (currentProvisioner != null) {
            currentProvisioner.reconcileSoon();
        }
    }

    /** True when this replica may write: it leads, or leader election is off. */
    boolean mayWrite() {
        if (closed) {
            return false;
        }
        LeaderElection current = election;
        if (current == null) {
            return !settings.leaderElection() || !(settings.writeStatus() || settings.mode() == Mode.PROVISIONER);
        }
        return current.isLeader();
    }

    /** Starts watching a kind when it is served; the future completes once its informer has listed. */
    private Optional<CompletableFuture<?>> resolveAndWatch(KindResolver resolver, WatchedKind kind) {
        KindResolver.Resolution resolution = resolver.resolve(kind);
        if (resolution.served().isEmpty()) {
            String reason = resolution.missing().orElse(kind.groupKind() + " is not served");
            if (!reason.equals(missing.put(kind.groupKind(), reason))) {
                log.warn("Not watching {}; resources of this kind are ignored until it is served", reason);
            }
            return Optional.empty();
        }
        ServedKind served = resolution.served().get();
        SharedIndexInformer<GenericKubernetesResource> informer = operation(served).runnableInformer(0);
        informer.addEventHandler(new Handler(served));
        CompletableFuture<?> listed = informer.start().toCompletableFuture();
        watches.add(new Watch(served, informer));
        servedByGroupKind.put(kind.groupKind(), served);
        if (missing.remove(kind.groupKind()) != null) {
            log.info("{} is served now ({}); watching it", kind.groupKind(), served.apiVersion());
        }
        log.debug("Watching {} ({})", kind.groupKind(), served.path());
        return Optional.of(listed);
    }

    private io.fabric8.kubernetes.client.dsl.Informable<GenericKubernetesResource> operation(ServedKind served) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> operation =
                client.genericKubernetesResources(served.context());
        Optional<String> namespace = settings.namespace();
        if (!served.namespaced()) {
            if (namespace.isPresent() && "Namespace".equals(served.kind().kind()) && served.kind().group().isEmpty()) {
                // Restricted to one namespace, Lintel needs (and may only be allowed to read) that one Namespace.
                return operation.withField("metadata.name", namespace.get());
            }
            return operation;
        }
        return namespace.isPresent() ? operation.inNamespace(namespace.get()) : operation.inAnyNamespace();
    }

    /** Pushes what every informer holds: the initial state, and after a new kind starts being watched. */
    private void pushAll() {
        synchronized (pushLock) {
            for (Watch watch : watches) {
                for (GenericKubernetesResource resource : watch.informer().getStore().list()) {
                    upsert(watch.served(), resource);
                }
            }
        }
    }

    private void rediscover() {
        if (missing.isEmpty() || closed) {
            return;
        }
        KindResolver resolver = new KindResolver(client);
        for (WatchedKind kind : watched) {
            if (missing.containsKey(kind.groupKind())) {
                try {
                    Optional<CompletableFuture<?>> listed = resolveAndWatch(resolver, kind);
                    if (listed.isPresent()) {
                        listed.get().get();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
                    log.warn("Looking for {} again failed: {}", kind.groupKind(), e.toString());
                }
            }
        }
        pushAll();
    }

    private void upsert(ServedKind served, GenericKubernetesResource resource) {
        KubernetesDocument document = converter.convert(served, resource);
        if (!selected(document.key())) {
            return;
        }
        sink.upsert(document);
        GatewayProvisioner current = provisioner;
        if (current != null) {
            current.observe(document);
        }
    }

    private void delete(ServedKind served, GenericKubernetesResource resource) {
        ResourceKey key = DocumentConverter.keyOf(served, resource);
        sink.delete(key);
        GatewayProvisioner current = provisioner;
        if (current != null) {
            current.forget(key);
        }
    }

    /** With {@code gateway} set (a provisioned data plane), the other Gateways are not this process's to serve. */
    private boolean selected(ResourceKey key) {
        if (settings.gateway().isEmpty() || !"Gateway".equals(key.kind()) || !WatchedKind.GATEWAY_GROUP.equals(key.group())) {
            return true;
        }
        KubernetesSourceSettings.NamespacedName gateway = settings.gateway().get();
        return gateway.namespace().equals(key.namespace()) && gateway.name().equals(key.name());
    }

    private void serviceChanged(GenericKubernetesResource service) {
        GatewayProvisioner current = provisioner;
        if (current != null) {
            current.serviceChanged(service);
        }
        ServiceAddresses shared = sharedAddresses;
        if (shared != null && shared.matches(service) && shared.update(service)) {
            StatusPublisher currentPublisher = publisher;
            if (currentPublisher != null) {
                currentPublisher.refreshKind("Gateway");
            }
        }
    }

    private void gatewayAddressesChanged(ResourceKey gateway) {
        StatusPublisher current = publisher;
        if (current != null) {
            current.refresh(gateway);
        }
    }

    private Optional<List<Map<String, Object>>> addressesOf(ResourceKey gateway) {
        GatewayProvisioner current = provisioner;
        if (current != null) {
            return current.addressesOf(gateway);
        }
        ServiceAddresses shared = sharedAddresses;
        return shared == null ? Optional.empty() : Optional.of(shared.addresses());
    }

    /** The object of {@code key} as its kind's informer holds it, or null. */
    private GenericKubernetesResource cached(ServedKind kind, ResourceKey key) {
        for (Watch watch : watches) {
            if (watch.served().equals(kind)) {
                return watch.informer().getStore().getByKey(
                        key.namespace().isEmpty() ? key.name() : key.namespace() + "/" + key.name());
            }
        }
        return null;
    }

    Optional<ServedKind> servedKind(ResourceKey key) {
        return Optional.ofNullable(servedByGroupKind.get(key.group().isEmpty() ? key.kind() : key.group() + "/" + key.kind()));
    }

    @Override
    public Optional<StatusWriter> statusWriter() {
        return Optional.ofNullable(publisher);
    }

    @Override
    public String describe() {
        KubernetesClient current = client;
        StringBuilder text = new StringBuilder("watching ")
                .append(current == null ? "(not started)" : current.getMasterUrl())
                .append(" (").append(servedByGroupKind.size()).append(" kinds, ")
                .append(settings.namespace().map(ns -> "namespace " + ns).orElse("all namespaces")).append(")");
        if (!missing.isEmpty()) {
            text.append("; not served: ").append(String.join("; ", new java.util.TreeMap<>(missing).values()));
        }
        LeaderElection currentElection = election;
        if (currentElection != null) {
            text.append("; ").append(currentElection.describe());
        }
        if (settings.mode() == Mode.PROVISIONER) {
            text.append("; provisioner mode");
        }
        return text.toString();
    }

    @Override
    public boolean healthy() {
        return !watches.isEmpty() && watches.stream().allMatch(watch -> watch.informer().isWatching());
    }

    @Override
    public void close() {
        closed = true;
        ScheduledExecutorService scheduler = rediscovery;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        closeQuietly(provisioner);
        closeQuietly(election);
        closeQuietly(publisher);
        watches.forEach(watch -> watch.informer().close());
        KubernetesClient current = client;
        if (current != null) {
            current.close();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Closing {} failed", closeable, e);
        }
    }

    /** One watched kind and its informer. */
    private record Watch(ServedKind served, SharedIndexInformer<GenericKubernetesResource> informer) {}

    /** Informer events of one kind, pushed into the sink under the push lock (so the initial push cannot race them). */
    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {

        private final ServedKind served;

        Handler(ServedKind served) {
            this.served = served;
        }

        @Override
        public void onAdd(GenericKubernetesResource resource) {
            synchronized (pushLock) {
                upsert(served, resource);
            }
            if (isService()) {
                serviceChanged(resource);
            }
        }

        @Override
        public void onUpdate(GenericKubernetesResource previous, GenericKubernetesResource resource) {
            onAdd(resource);
        }

        @Override
        public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
            synchronized (pushLock) {
                delete(served, resource);
            }
            if (isService()) {
                serviceChanged(resource);
            }
        }

        private boolean isService() {
            return "Service".equals(served.kind().kind()) && served.kind().group().isEmpty();
        }
    }
}
