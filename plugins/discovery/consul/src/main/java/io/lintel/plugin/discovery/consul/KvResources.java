package io.lintel.plugin.discovery.consul;

import io.lintel.plugin.discovery.manifests.ManifestParser;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceSink;
import io.lintel.spi.config.SourceLocation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the answers of the recursive KV watch: every key under the prefix is one origin
 * ({@code consul:kv/<key>}) holding YAML or JSON documents. Only keys whose value changed are parsed again; a value
 * that does not parse is reported while the key's last good documents keep serving; a deleted key's documents are
 * removed. Keys ending in {@code /} (Consul's folders) and empty values hold nothing. Runs on the KV watch thread.
 */
final class KvResources {

    private static final Logger log = LoggerFactory.getLogger(KvResources.class);

    private final ResourceSink sink;
    private final Map<String, byte[]> values = new HashMap<>();
    private final Map<String, List<KubernetesDocument>> documents = new HashMap<>();
    private volatile int keyCount;

    KvResources(ResourceSink sink) {
        this.sink = sink;
    }

    /** Applies the whole content of the prefix; returns the Services whose endpoints come from the catalog. */
    Set<CatalogService> apply(List<ConsulClient.KvPair> pairs) {
        Set<String> present = new HashSet<>();
        for (ConsulClient.KvPair pair : pairs) {
            if (pair.key().endsWith("/")) {
                continue;
            }
            present.add(pair.key());
            if (!Arrays.equals(pair.value(), values.get(pair.key()))) {
                values.put(pair.key(), pair.value());
                load(pair.key(), pair.value());
            }
        }
        for (String gone : Set.copyOf(values.keySet())) {
            if (!present.contains(gone)) {
                values.remove(gone);
                documents.remove(gone);
                log.info("Consul key {} deleted; dropping its resources", gone);
                sink.replaceOrigin(origin(gone), List.of());
            }
        }
        keyCount = values.size();
        return catalogServices();
    }

    /** How many keys hold content (readable from any thread). */
    int keyCount() {
        return keyCount;
    }

    private void load(String key, byte[] value) {
        String origin = origin(key);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            report(origin, "is not UTF-8 text (expected: YAML or JSON documents)");
            return;
        }
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(origin, text);
        if (parsed.syntaxError().isPresent()) {
            ConfigProblem error = parsed.syntaxError().get();
            log.warn("{}: {}; its last good content keeps serving", error.location(), error.message());
            sink.reportProblems(origin, List.of(error));
            return;
        }
        documents.put(key, parsed.documents());
        sink.replaceOrigin(origin, parsed.documents());
        if (!parsed.problems().isEmpty()) {
            parsed.problems().forEach(problem -> log.warn("{}", problem));
            sink.reportProblems(origin, parsed.problems());
        }
        log.debug("Loaded Consul key {} ({} documents, {} problems)", key, parsed.documents().size(), parsed.problems().size());
    }

    private void report(String origin, String message) {
        ConfigProblem problem = new ConfigProblem(new SourceLocation(origin, 0), Optional.empty(), "", message);
        log.warn("{}; its last good content keeps serving", problem);
        sink.reportProblems(origin, List.of(problem));
    }

    /** Services without an EndpointSlice of their own in KV: their endpoints come from Consul's catalog. */
    private Set<CatalogService> catalogServices() {
        Set<String> slicedServices = new HashSet<>();
        for (List<KubernetesDocument> docs : documents.values()) {
            for (KubernetesDocument doc : docs) {
                if (doc.key().kind().equals("EndpointSlice") && doc.key().group().equals("discovery.k8s.io")) {
                    serviceNameLabel(doc).ifPresent(service -> slicedServices.add(doc.key().namespace() + "/" + service));
                }
            }
        }
        Set<CatalogService> services = new HashSet<>();
        for (List<KubernetesDocument> docs : documents.values()) {
            for (KubernetesDocument doc : docs) {
                if (doc.key().kind().equals("Service") && doc.key().group().isEmpty()
                        && !slicedServices.contains(doc.key().namespace() + "/" + doc.key().name())) {
                    services.add(CatalogService.of(doc));
                }
            }
        }
        return services;
    }

    private static Optional<String> serviceNameLabel(KubernetesDocument slice) {
        if (slice.content().get("metadata") instanceof Map<?, ?> metadata && metadata.get("labels") instanceof Map<?, ?> labels
                && labels.get("kubernetes.io/service-name") instanceof String service) {
            return Optional.of(service);
        }
        return Optional.empty();
    }

    static String origin(String key) {
        return "consul:kv/" + key;
    }
}
