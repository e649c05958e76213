package io.lintel.plugin.route.support;

import static java.util.Objects.requireNonNull;

import io.lintel.schema.Schema;
import io.lintel.schema.Violations;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRoute;
import io.lintel.spi.kind.StreamRouteKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link StreamRouteKind} whose objects are validated by a {@link Schema} of their {@code spec} (one per version,
 * where versions differ) and read with {@link StreamRoutes#read}: all a Gateway API route kind that relays
 * connections or datagrams needs. Immutable and thread-safe.
 */
public final class SchemaStreamRouteKind implements StreamRouteKind {

    private final ResourceKind kind;
    private final ListenerProtocol protocol;
    private final Set<GatewayFeature> features;
    private final Map<String, Schema> documentByApiVersion;
    private final Schema document;

    /**
     * @param specByVersion the schema of {@code spec} for the versions whose schema differs from {@code spec}'s (by
     *     version, e.g. {@code v1}); the others use {@code spec}
     */
    public SchemaStreamRouteKind(ResourceKind kind, ListenerProtocol protocol, Set<GatewayFeature> features,
            Schema spec, Map<String, Schema> specByVersion) {
        this.kind = requireNonNull(kind, "kind");
        this.protocol = requireNonNull(protocol, "protocol");
        this.features = Set.copyOf(features);
        this.document = RouteFields.document(requireNonNull(spec, "spec"));
        Map<String, Schema> byApiVersion = new HashMap<>();
        specByVersion.forEach((version, schema) -> byApiVersion.put(kind.apiVersion(version), RouteFields.document(schema)));
        this.documentByApiVersion = Map.copyOf(byApiVersion);
    }

    @Override
    public ResourceKind kind() {
        return kind;
    }

    @Override
    public ListenerProtocol protocol() {
        return protocol;
    }

    @Override
    public Set<GatewayFeature> features() {
        return features;
    }

    @Override
    public List<FieldViolation> validate(KubernetesDocument document) {
        Violations out = new Violations(kind.kind() + " " + document.apiVersion());
        documentByApiVersion.getOrDefault(document.apiVersion(), this.document).check(document.content(), "", out);
        // As the SPI's type: the DSL's classes are this plugin's own copy, core has another.
        return out.list().stream().map(v -> new FieldViolation(v.fieldPath(), v.message())).toList();
    }

    @Override
    public StreamRoute describe(KubernetesDocument document) {
        return StreamRoutes.read(document.content());
    }

    @Override
    public String toString() {
        return kind + " (" + protocol + " listeners)";
    }
}
