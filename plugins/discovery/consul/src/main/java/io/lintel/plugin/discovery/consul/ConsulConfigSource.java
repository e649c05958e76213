package io.lintel.plugin.discovery.consul;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ResourceSink;
import io.lintel.spi.config.StatusWriter;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Kubernetes documents stored under a Consul KV prefix, and the endpoints of their Services from Consul's
 * health API, kept current with blocking queries (see {@link BlockingWatch}, {@link KvResources},
 * {@link CatalogEndpoints}).
 *
 * <p>{@link #start} reads the KV prefix and the health of every catalog-backed Service once, then marks the sink
 * synced. When Consul cannot be reached at start, the source is not synced (Lintel is not ready) until the first
 * read succeeds. Fail static: when Consul becomes unreachable later, or its ACLs filter what the token reads (a token
 * that lost its rights reads an empty prefix, see {@link ConsulAccessDenied}), nothing is dropped; the last content
 * read keeps serving, {@link #healthy} is false and {@link #describe} says why, until Consul answers in full again and
 * the source catches up.
 */
final class ConsulConfigSource implements ConfigSource {

    private static final Logger log = LoggerFactory.getLogger(ConsulConfigSource.class);

    private final ConsulSettings settings;
    private final Optional<ConsulStatusWriter> statusWriter;
    private volatile ConsulClient client;
    private volatile BlockingWatch<List<ConsulClient.KvPair>> kvWatch;
    private volatile CatalogEndpoints catalog;
    private volatile KvResources resources;
    private volatile boolean synced;
    private ResourceSink sink;

    ConsulConfigSource(ConsulSettings settings) {
        this.settings = requireNonNull(settings, "settings");
        this.statusWriter = settings.statusPrefix().map(prefix -> new ConsulStatusWriter(prefix, () -> client));
    }

    @Override
    public void start(ResourceSink sink) throws Exception {
        this.sink = requireNonNull(sink, "sink");
        try {
            client = ConsulClient.create(settings);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("consul config source: setting '" + ConsulConfigSourceFactory.CA_FILE
                    + "': cannot use " + settings.caFile().map(Object::toString).orElse("") + ": " + e
                    + " (expected: a readable file of PEM CA certificates)", e);
        }
        catalog = new CatalogEndpoints(client, sink, settings.minQueryInterval());
        resources = new KvResources(sink);
        BlockingWatch<List<ConsulClient.KvPair>> watch = new BlockingWatch<>("kv/" + settings.prefix(),
                index -> client.kv(settings.prefix(), index), this::applyKv, settings.minQueryInterval());
        kvWatch = watch;
        if (watch.readNow()) {
            log.info("Read Consul {} prefix {}: {} keys, {} Services from the catalog", settings.address(),
                    settings.prefix(), resources.keyCount(), catalog.size());
        } else {
            log.warn("Consul {} did not answer the first read ({}); not ready until it does", settings.address(),
                    watch.failure().orElse("?"));
        }
        watch.start();
    }

    /** Runs on the KV watch thread (or in start): documents first, then the catalog watches they ask for. */
    private void applyKv(List<ConsulClient.KvPair> pairs) {
        Set<CatalogService> services = resources.apply(pairs);
        try {
            catalog.update(services);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!synced) {
            synced = true;
            sink.markSynced();
        }
    }

    @Override
    public Optional<StatusWriter> statusWriter() {
        return statusWriter.map(writer -> writer);
    }

    @Override
    public String describe() {
        BlockingWatch<?> watch = kvWatch;
        CatalogEndpoints endpoints = catalog;
        KvResources kv = resources;
        String what = "consul " + settings.address() + " prefix " + settings.prefix();
        if (watch == null || kv == null || endpoints == null) {
            return what + ": not started";
        }
        Optional<String> failure = failure();
        String counts = kv.keyCount() + " keys, " + endpoints.size() + " Services from the catalog";
        if (failure.isPresent()) {
            return what + ": " + (synced ? "serving the last content read (" + counts + "); " : "nothing read yet; ")
                    + failure.get();
        }
        return what + ": " + counts;
    }

    @Override
    public boolean healthy() {
        return failure().isEmpty();
    }

    private Optional<String> failure() {
        BlockingWatch<?> watch = kvWatch;
        CatalogEndpoints endpoints = catalog;
        if (watch == null || endpoints == null) {
            return Optional.empty();
        }
        return watch.failure().map(reason -> watch.name() + ": " + reason).or(endpoints::failure);
    }

    @Override
    public void close() {
        BlockingWatch<?> watch = kvWatch;
        if (watch != null) {
            watch.close();
        }
        CatalogEndpoints endpoints = catalog;
        if (endpoints != null) {
            endpoints.close();
        }
        statusWriter.ifPresent(ConsulStatusWriter::close);
    }
}
