package io.lintel.core.translate.decode.direct;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the kinds a large configuration is made of (HTTPRoute, Service, EndpointSlice, Namespace, GatewayClass,
 * Gateway, ReferenceGrant) straight from the document's map tree into the same fabric8 objects Jackson builds, without
 * Jackson: {@code convertValue} writes the tree into a token buffer and reads it back through bean deserializers, which
 * at 10 000 routes was most of the decoding's CPU and a large share of what the JIT compiles at start-up.
 *
 * <p>A reader accepts only the shapes it knows completely: a known key with exactly the expected type, objects
 * without {@code status}. On anything else (an unknown key, a null, a number as a string, a field it does not cover)
 * the document is declined and Jackson's path decodes it, so every problem and its message stay Jackson's. An object
 * read here has no unknown fields (each reader refuses keys it does not know), and its {@code additionalProperties}
 * are already the shared empty map. {@code DirectDecoderEquivalenceTest} checks that a decoded object equals Jackson's.
 *
 * <p>Thread-safe (no state).
 */
public final class DirectDecoder {

    private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    /**
     * The typed object for a document's content, or empty when the readers decline it.
     *
     * @param apiVersion the version the object is decoded as (older Gateway API versions are decoded as v1)
     */
    public static Optional<HasMetadata> read(String group, String kind, String apiVersion, Map<String, Object> content) {
        try {
            return Optional.ofNullable(readOrNull(group, kind, apiVersion, content));
        } catch (MapReader.Declined declined) {
            return Optional.empty();
        }
    }

    private static HasMetadata readOrNull(String group, String kind, String apiVersion, Map<String, Object> content) {
        return switch (group) {
            case GATEWAY_GROUP -> switch (kind) {
                case "HTTPRoute" -> HttpRouteReader.read(content, apiVersion);
                case "Gateway" -> GatewayReader.read(content, apiVersion);
                case "GatewayClass" -> GatewayClassReader.read(content, apiVersion);
                case "ReferenceGrant" -> ReferenceGrantReader.read(content, apiVersion);
                default -> null;
            };
            case "" -> switch (kind) {
                case "Service" -> ServiceReader.read(content, apiVersion);
                case "Namespace" -> NamespaceReader.read(content, apiVersion);
                default -> null;
            };
            case "discovery.k8s.io" -> kind.equals("EndpointSlice") ? EndpointSliceReader.read(content, apiVersion) : null;
            default -> null;
        };
    }

    private DirectDecoder() {}
}
