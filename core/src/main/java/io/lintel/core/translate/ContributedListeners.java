package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.lintel.spi.kind.CertificateRef;
import io.lintel.spi.kind.GatewayListener;
import io.lintel.spi.kind.LabelSelector;
import io.lintel.spi.kind.ListenerTls;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * A listener a plugin's kind contributes to a Gateway ({@link GatewayListener}, e.g. a ListenerSet's) as the typed
 * Gateway listener core's listener code reads ({@link GatewayEvaluator}, {@link RouteParents}), so that it is checked
 * and served exactly as one of the Gateway's own.
 */
final class ContributedListeners {

    private ContributedListeners() {}

    static Listener listener(GatewayListener listener) {
        return new Listener(allowedRoutes(listener.allowedRoutes()), listener.hostname().orElse(null), listener.name(),
                listener.port(), listener.protocol(), listener.tls().map(ContributedListeners::tls).orElse(null));
    }

    private static ListenerTLSConfig tls(ListenerTls tls) {
        return new ListenerTLSConfig(new ArrayList<>(tls.certificateRefs().stream()
                .map(ContributedListeners::certificateRef).toList()), tls.mode(), new LinkedHashMap<>(tls.options()));
    }

    private static SecretObjectReference certificateRef(CertificateRef ref) {
        return new SecretObjectReference(ref.group(), ref.kind(), ref.name(), ref.namespace().orElse(null));
    }

    private static AllowedRoutes allowedRoutes(io.lintel.spi.kind.AllowedRoutes allowed) {
        return new AllowedRoutes(new ArrayList<>(allowed.kinds().stream()
                .map(k -> new RouteGroupKind(k.group(), k.kind())).toList()),
                new RouteNamespaces(allowed.namespacesFrom(),
                        allowed.namespaceSelector().map(ContributedListeners::selector).orElse(null)));
    }

    static io.fabric8.kubernetes.api.model.LabelSelector selector(LabelSelector selector) {
        return new io.fabric8.kubernetes.api.model.LabelSelector(new ArrayList<>(selector.matchExpressions().stream()
                .map(r -> new LabelSelectorRequirement(r.key(), r.operator(), new ArrayList<>(r.values()))).toList()),
                new LinkedHashMap<>(selector.matchLabels()));
    }
}
