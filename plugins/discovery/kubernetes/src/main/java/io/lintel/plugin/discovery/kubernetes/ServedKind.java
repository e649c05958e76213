package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * A kind as the API server serves it: the version chosen and how to address it.
 *
 * @param kind what was asked for
 * @param version the served version in use
 * @param plural the resource name in URLs
 * @param namespaced whether objects live in namespaces
 */
record ServedKind(WatchedKind kind, String version, String plural, boolean namespaced) {

    ServedKind {
        requireNonNull(kind, "kind");
        requireNonNull(version, "version");
        requireNonNull(plural, "plural");
    }

    String apiVersion() {
        return kind.group().isEmpty() ? version : kind.group() + "/" + version;
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(version)
                .withKind(kind.kind())
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    /** The list URL path, for locations in messages: {@code /apis/gateway.networking.k8s.io/v1/httproutes}. */
    String path() {
        return (kind.group().isEmpty() ? "/api/" : "/apis/") + apiVersion() + "/" + plural;
    }
}
