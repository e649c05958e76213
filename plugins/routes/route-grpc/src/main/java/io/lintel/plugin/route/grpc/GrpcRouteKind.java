package io.lintel.plugin.route.grpc;

import io.lintel.plugin.route.support.RouteFields;
import io.lintel.schema.Violations;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.BackendProtocolRequirement;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.HttpRoute;
import io.lintel.spi.kind.HttpRouteKind;
import io.lintel.spi.kind.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The GRPCRoute kind (Gateway API {@code v1}; v1.2 stopped serving v1alpha2, so only v1 is read): validated as the CRD
 * (with every object closed: a field the CRD does not define is reported, as core's decoder does for its kinds),
 * described with gRPC methods as request paths. Every gRPC call needs a backend (filters alone cannot answer one),
 * and backends whose Service port names no protocol are spoken to over h2c, as Envoy Gateway does: gRPC needs HTTP/2
 * end to end. Immutable and thread-safe.
 */
final class GrpcRouteKind implements HttpRouteKind {

    static final GrpcRouteKind KIND = new GrpcRouteKind();

    private static final ResourceKind RESOURCE_KIND = ResourceKind.of(RouteFields.GATEWAY_GROUP, "GRPCRoute", "v1");

    /** gRPC needs HTTP/2 to its backends: without an appProtocol, h2c (the protocol-h2c plugin's). */
    private static final BackendProtocolRequirement H2C =
            new BackendProtocolRequirement("kubernetes.io/h2c", "gRPC", "HTTP/2", "protocol-h2c");

    private GrpcRouteKind() {}

    @Override
    public ResourceKind kind() {
        return RESOURCE_KIND;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.GRPCRoute, GatewayFeature.GRPCRouteNamedRouteRule);
    }

    @Override
    public Optional<BackendProtocolRequirement> defaultBackendProtocol() {
        return Optional.of(H2C);
    }

    @Override
    public List<FieldViolation> validate(KubernetesDocument document) {
        Violations out = Violations.closingEveryObject(RESOURCE_KIND.kind() + " " + document.apiVersion());
        // the spec only: core checks the envelope (metadata, top-level fields), which a closed document would refuse
        Object spec = document.content().get("spec");
        if (spec == null) {
            out.add("spec", "is required");
        } else {
            GrpcRouteSchemas.SPEC.check(spec, "spec", out);
        }
        // As the SPI's type: the DSL's classes are this plugin's own copy, core has another.
        return out.list().stream().map(v -> new FieldViolation(v.fieldPath(), v.message())).toList();
    }

    @Override
    public HttpRoute describe(KubernetesDocument document) {
        return GrpcRoutes.read(document.content());
    }

    @Override
    public String toString() {
        return RESOURCE_KIND + " (HTTP and HTTPS listeners)";
    }
}
