package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.core.translate.decode.HttpRouteObject;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates HTTPRoutes and the routes of plugins' HTTP-family kinds (GRPCRoute) and attaches them to listeners, handing on what {@link TranslationMemo} holds of
 * unchanged ones (their rules, and their attachment replayed onto this translation's listeners). Used by a full
 * translation route by route, and then by {@link RouteChanges} for the routes a change touches.
 */
final class RouteAttacher {

    private final TranslationMemo memo;
    private final BackendResolver backends;
    private final RouteRuleTranslator httpRules;
    private final PluginHttpRouteRuleTranslator pluginRules;
    private final RouteParents parents;
    private final Map<String, ListenerState> listeners = new HashMap<>();
    /** What the IR needs of each attached or unattached route, by key. */
    final Map<ResourceKey, IrAssembler.RouteInfo> routes = new HashMap<>();

    RouteAttacher(TranslationMemo memo, BackendResolver backends, RouteRuleTranslator httpRules,
            PluginHttpRouteRuleTranslator pluginRules, RouteParents parents, Iterable<GatewayState> gateways) {
        this.memo = memo;
        this.backends = backends;
        this.httpRules = httpRules;
        this.pluginRules = pluginRules;
        this.parents = parents;
        gateways.forEach(g -> g.listeners.forEach(l -> listeners.put(l.irName(), l)));
    }

    /** Every listener of our Gateways, by IR name. */
    Map<String, ListenerState> listeners() {
        return listeners;
    }

    /**
     * Translates and attaches an HTTPRoute or a route of a plugin's HTTP-family kind, or replays its previous attachment when its rules are the
     * same instance as before; records what the IR needs of it.
     *
     * @return the attachment, with the route's status (null when no parentRef is ours)
     */
    @SuppressWarnings("unchecked")
    TranslationMemo.Attachment add(DecodedResource<?> route, String time) {
        ResourceKey key = route.document().key();
        HttpRouteObject plugin = route.object() instanceof HttpRouteObject o ? o : null;
        TranslationMemo.Rules rules = memo.rules(route, backends, () -> plugin != null
                ? pluginRules.translate((DecodedResource<HttpRouteObject>) route)
                : httpRules.translate((DecodedResource<HTTPRoute>) route));
        TranslationMemo.Attachment attachment = memo.attachment(route, rules.rules());
        if (attachment == null) {
            List<TranslationMemo.Attached> attached = new ArrayList<>();
            List<Map<String, Object>> parentStatus = parents.recording(attached, () -> plugin != null
                    ? parents.attach(route, plugin.route().hostnames(),
                            StreamRouteAttacher.parentReferences(plugin.route().parentRefs()), rules.rules(), time)
                    : parents.attach((DecodedResource<HTTPRoute>) route, rules.rules(), time));
            attachment = new TranslationMemo.Attachment(rules.rules(), List.copyOf(attached),
                    parentStatus.isEmpty() ? null : Translator.status(route, Map.of("parents", parentStatus)));
            memo.attached(route, attachment);
        } else {
            attachment.attached().forEach(a -> listeners.get(a.listener()).attach(key, a.hostname()));
        }
        routes.put(key, memo.info(route, rules, () -> new IrAssembler.RouteInfo(CreationTimestamps.of(route.object()),
                ResourceIndex.namespaceOf(route.document()), key.name(), rules.rules())));
        return attachment;
    }
}
