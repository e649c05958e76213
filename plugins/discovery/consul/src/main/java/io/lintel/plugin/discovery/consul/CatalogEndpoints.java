package io.lintel.plugin.discovery.consul;

import io.lintel.spi.config.ResourceSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one health watch per {@link CatalogService}: its healthy instances become the Service's EndpointSlices,
 * pushed under one origin per Service. Services appear, change and go with the KV content ({@link #update}); a
 * removed Service's slices are removed. Thread-safe.
 */
final class CatalogEndpoints implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogEndpoints.class);

    private final ConsulClient client;
    private final ResourceSink sink;
    private final Duration minInterval;
    private final Map<String, Watched> watches = new HashMap<>();
    /** The watches as of the last update, for readers that must never wait for an update's reads (/ready). */
    private volatile List<BlockingWatch<List<ConsulClient.HealthInstance>>> published = List.of();
    private boolean closed;

    private record Watched(CatalogService service, BlockingWatch<List<ConsulClient.HealthInstance>> watch) {}

    CatalogEndpoints(ConsulClient client, ResourceSink sink, Duration minInterval) {
        this.client = client;
        this.sink = sink;
        this.minInterval = minInterval;
    }

    /**
     * Watches exactly {@code services} from now on. A new or changed Service is read once before this returns (so
     * the first configuration has its endpoints); its watch then runs on its own thread.
     */
    synchronized void update(Set<CatalogService> services) throws InterruptedException {
        if (closed) {
            return;
        }
        Map<String, CatalogService> wanted = services.stream()
                .collect(Collectors.toMap(s -> s.namespace() + "/" + s.name(), s -> s, (a, b) -> a));
        for (String key : List.copyOf(watches.keySet())) {
            if (!wanted.containsKey(key)) {
                Watched gone = watches.remove(key);
                gone.watch().close();
                sink.replaceOrigin(origin(key), List.of());
                log.info("Stopped watching Consul {}", gone.service().describe());
            }
        }
        for (Map.Entry<String, CatalogService> entry : wanted.entrySet()) {
            Watched current = watches.get(entry.getKey());
            if (current != null && current.service().equals(entry.getValue())) {
                continue;
            }
            if (current != null) {
                // Replaced by the new watch's first answer, under the same origin: no gap without endpoints.
                current.watch().close();
            }
            CatalogService service = entry.getValue();
            String origin = origin(entry.getKey());
            BlockingWatch<List<ConsulClient.HealthInstance>> watch = new BlockingWatch<>(service.describe(),
                    index -> client.healthyInstances(service.consulName(), service.tag(), index),
                    instances -> sink.replaceOrigin(origin, EndpointSlices.of(service, instances, origin)),
                    minInterval);
            watch.readNow();
            watch.start();
            watches.put(entry.getKey(), new Watched(service, watch));
            published = watches.values().stream().map(Watched::watch).toList();
            log.info("Watching Consul {}", service.describe());
        }
        published = watches.values().stream().map(Watched::watch).toList();
    }

    int size() {
        return published.size();
    }

    /** Why the first failing watch fails, if one does. */
    Optional<String> failure() {
        return published.stream()
                .map(watch -> watch.failure().map(reason -> watch.name() + ": " + reason))
                .flatMap(Optional::stream)
                .sorted()
                .findFirst();
    }

    @Override
    public synchronized void close() {
        closed = true;
        watches.values().forEach(watched -> watched.watch().close());
        watches.clear();
        published = List.of();
    }

    private static String origin(String serviceKey) {
        return "consul:health/" + serviceKey;
    }
}
