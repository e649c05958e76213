package io.lintel.core.admin;

import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code lintel_gateway_info{namespace, gateway, label_<key>...} 1}: one series per Gateway of Lintel's classes, carrying the
 * labels of its {@code spec.infrastructure.labels} (GatewayInfrastructurePropagation).
 *
 * <p>Only Gateways of Lintel's classes are listed (those it computes a status for). The spec asks that those labels reach "any resources created in response to this Gateway". In a cluster the
 * provisioner puts them on the Deployment, its Pods and the Service it creates; on a VM the only things Lintel creates
 * for a Gateway are its listening sockets and its metrics, so the labels go here, where a query can join them to the
 * other series by {@code gateway} (as kube-state-metrics does with {@code kube_*_labels}). A key becomes a Prometheus
 * label name as kube-state-metrics makes it: {@code label_} and the key with every character outside
 * {@code [a-zA-Z0-9_]} turned into {@code _} ({@code app.kubernetes.io/team} → {@code label_app_kubernetes_io_team});
 * of two keys that become the same name, the first in key order wins. Annotations carry no meaning for a metric and
 * are not exported.
 */
final class GatewayInfrastructureInfo implements Collector {

    static final String NAME = "lintel_gateway";

    private volatile List<InfoSnapshot.InfoDataPointSnapshot> points = List.of();

    /** Replaces the series with those of {@code gateways}: each Gateway with a status (ours), from its document. */
    void update(Collection<ResourceKey> gateways, Map<ResourceKey, KubernetesDocument> documents) {
        List<InfoSnapshot.InfoDataPointSnapshot> next = new ArrayList<>(gateways.size());
        for (ResourceKey key : gateways) {
            KubernetesDocument document = documents.get(key);
            Map<String, String> labels = document == null ? Map.of() : infrastructureLabels(document.content());
            next.add(InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels(key, labels)).build());
        }
        points = List.copyOf(next);
    }

    @Override
    public MetricSnapshot collect() {
        InfoSnapshot.Builder builder = InfoSnapshot.builder().name(NAME)
                .help("One series per Gateway of Lintel's classes, with its spec.infrastructure.labels as label_<key> labels");
        points.forEach(builder::dataPoint);
        return builder.build();
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }

    static Labels labels(ResourceKey gateway, Map<String, String> infrastructureLabels) {
        TreeMap<String, String> byName = new TreeMap<>();
        byName.put("namespace", gateway.namespace());
        byName.put("gateway", gateway.name());
        new TreeMap<>(infrastructureLabels).forEach((key, value) -> byName.putIfAbsent(labelName(key), value));
        return Labels.of(new ArrayList<>(byName.keySet()), new ArrayList<>(byName.values()));
    }

    static String labelName(String key) {
        StringBuilder name = new StringBuilder("label_".length() + key.length()).append("label_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            name.append(allowed ? c : '_');
        }
        return name.toString();
    }

    private static Map<String, String> infrastructureLabels(Map<String, Object> content) {
        if (content.get("spec") instanceof Map<?, ?> spec && spec.get("infrastructure") instanceof Map<?, ?> infra
                && infra.get("labels") instanceof Map<?, ?> labels) {
            Map<String, String> values = new TreeMap<>();
            labels.forEach((k, v) -> values.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            return values;
        }
        return Map.of();
    }
}
