package io.lintel.core.cli;

import static io.lintel.core.cli.JsonTree.map;
import static io.lintel.core.cli.JsonTree.maps;
import static io.lintel.core.cli.JsonTree.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything {@code lintel describe} says about one object, as a document (maps and lists): JSON and YAML print it,
 * {@link DescriptionText} renders it for people. Built from the admin documents: the object's {@code /status} item,
 * the IR ({@link ConfigIndex}), {@code /backends} for endpoint health, and per-rule {@link RuleTraffic}.
 */
final class Description {

    private Description() {}

    /** The shared head: kind, namespace, name, generation, and the problems reported about the object. */
    private static Map<String, Object> head(Map<String, Object> item, List<Map<String, Object>> problems) {
        Map<String, Object> metadata = map(item.get("metadata"));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", text(item, "kind"));
        document.put("namespace", text(metadata, "namespace"));
        document.put("name", text(metadata, "name"));
        document.put("generation", metadata.get("generation"));
        document.put("problems", problems);
        return document;
    }

    static Map<String, Object> gateway(Map<String, Object> item, List<Map<String, Object>> problems, ConfigIndex config) {
        Map<String, Object> document = head(item, problems);
        Map<String, Object> status = map(item.get("status"));
        document.put("conditions", maps(status.get("conditions")));
        document.put("addresses", maps(status.get("addresses")).stream().map(a -> text(a, "value")).toList());
        List<Map<String, Object>> listeners = new ArrayList<>();
        for (Map<String, Object> listener : maps(status.get("listeners"))) {
            String irName = ConfigIndex.listenerName(text(document, "namespace"), text(document, "name"),
                    text(listener, "name"));
            ConfigIndex.Listener served = config.listener(irName);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", text(listener, "name"));
            entry.put("socket", served == null ? null : served.socket());
            entry.put("protocol", served == null ? null : served.protocol());
            entry.put("hostname", served == null ? null : served.hostname());
            entry.put("attachedRoutes", listener.get("attachedRoutes"));
            entry.put("routes", List.copyOf(config.routesOf(irName)));
            entry.put("conditions", maps(listener.get("conditions")));
            listeners.add(entry);
        }
        document.put("listeners", listeners);
        return document;
    }

    /**
     * @param gateways the Gateways' {@code /status} items by {@code namespace/name}, to tell which of a parent's
     *     listeners the route is not served on, and why
     * @param backends {@code /backends} entries by name, for endpoint health
     * @param traffic per-rule traffic by rule IR name
     */
    static Map<String, Object> route(Map<String, Object> item, List<Map<String, Object>> problems, ConfigIndex config,
            Map<String, Map<String, Object>> gateways, Map<String, Map<String, Object>> backends,
            Function<String, Map<String, Object>> traffic) {
        Map<String, Object> document = head(item, problems);
        String kind = text(document, "kind");
        String namespace = text(document, "namespace");
        String route = ConfigIndex.irName(kind, namespace, text(document, "name"));
        Set<String> served = config.listenersOf(route);
        List<Map<String, Object>> parents = new ArrayList<>();
        for (Map<String, Object> parent : maps(JsonTree.path(item, "status", "parents"))) {
            Map<String, Object> ref = map(parent.get("parentRef"));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("parentRef", StatusConditions.reference(ref, namespace));
            entry.put("conditions", maps(parent.get("conditions")));
            String parentNamespace = ref.get("namespace") == null ? namespace : text(ref, "namespace");
            boolean gateway = ref.get("kind") == null || "Gateway".equals(ref.get("kind"));
            String prefix = (gateway ? "gateway/" : text(ref, "kind").toLowerCase(Locale.ROOT) + "/")
                    + parentNamespace + "/" + text(ref, "name") + "/listener/";
            List<Map<String, Object>> attached = new ArrayList<>();
            served.stream().filter(listener -> listener.startsWith(prefix)).forEach(listener -> {
                ConfigIndex.Listener servedListener = config.listener(listener);
                Map<String, Object> on = new LinkedHashMap<>();
                on.put("listener", listener.substring(prefix.length()));
                on.put("socket", servedListener == null ? null : servedListener.socket());
                on.put("hostname", servedListener == null ? null : servedListener.hostname());
                attached.add(on);
            });
            entry.put("servedOn", attached);
            if (gateway) {
                entry.put("notServedOn", notServedOn(gateways.get(parentNamespace + "/" + text(ref, "name")), ref,
                        kind, parent, attached, config, prefix));
            }
            parents.add(entry);
        }
        document.put("parents", parents);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (ConfigIndex.Rule rule : config.rulesOf(route)) {
            rules.add(rule(rule, backends, traffic));
        }
        document.put("rules", rules);
        return document;
    }

    /**
     * The parent Gateway's listeners the route is not served on, each with the likeliest reason: the parentRef's
     * sectionName, the listener's allowed kinds, the parent's own condition, else its hostname or namespaces.
     */
    private static List<Map<String, Object>> notServedOn(Map<String, Object> gateway, Map<String, Object> ref,
            String kind, Map<String, Object> parent, List<Map<String, Object>> attached, ConfigIndex config,
            String prefix) {
        List<Map<String, Object>> notServed = new ArrayList<>();
        if (gateway == null) {
            return notServed;
        }
        Set<String> attachedNames = new HashSet<>();
        attached.forEach(on -> attachedNames.add(text(on, "listener")));
        Map<String, Object> accepted = StatusConditions.find(parent.get("conditions"), "Accepted");
        for (Map<String, Object> listener : maps(JsonTree.path(gateway, "status", "listeners"))) {
            String name = text(listener, "name");
            if (attachedNames.contains(name)) {
                continue;
            }
            List<String> kinds = maps(listener.get("supportedKinds")).stream().map(k -> text(k, "kind")).toList();
            ConfigIndex.Listener served = config.listener(prefix + name);
            String reason;
            if (ref.get("sectionName") != null && !name.equals(ref.get("sectionName"))) {
                reason = "the parentRef names section " + text(ref, "sectionName");
            } else if (!kinds.isEmpty() && !kinds.contains(kind)) {
                reason = "the listener allows kinds " + kinds + ", not " + kind;
            } else if (!accepted.isEmpty() && !"True".equals(accepted.get("status"))) {
                reason = "not accepted by this parent: " + StatusConditions.line(accepted);
            } else if (served == null) {
                reason = "the listener is not served (see its conditions on the Gateway)";
            } else {
                reason = "the listener's hostname (" + served.hostname() + ") or allowedRoutes.namespaces does not"
                        + " admit the route's hostnames or namespace";
            }
            notServed.add(Map.of("listener", name, "reason", reason));
        }
        return notServed;
    }

    private static Map<String, Object> rule(ConfigIndex.Rule rule, Map<String, Map<String, Object>> backends,
            Function<String, Map<String, Object>> traffic) {
        Map<String, Object> ir = rule.rule();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("rule", rule.name());
        int index = rule.name().lastIndexOf("/rule/");
        entry.put("index", index < 0 ? null : rule.name().substring(index + "/rule/".length()));
        entry.put("name", rule.ruleName());
        entry.put("hostnames", List.copyOf(rule.hostnames()));
        entry.put("matches", rule.matches().stream().map(Description::match).distinct().toList());
        entry.put("filters", maps(ir.get("filters")).stream().map(Description::filter).toList());
        entry.put("directResponseStatus", ir.get("directResponseStatus"));
        List<Map<String, Object>> ruleBackends = new ArrayList<>();
        for (Map<String, Object> backend : maps(ir.get("backends"))) {
            Map<String, Object> health = backends.get(text(backend, "name"));
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("name", text(backend, "name"));
            shown.put("weight", backend.get("weight"));
            shown.put("errorStatus", backend.get("errorStatus"));
            shown.put("endpoints", health != null ? health.get("endpoints") : maps(backend.get("endpoints")));
            shown.put("filters", maps(backend.get("filters")).stream().map(Description::filter).toList());
            // a BackendTLSPolicy (or a TLS appProtocol) in effect: how the gateway speaks to the backend
            shown.put("tls", backend.get("tls"));
            ruleBackends.add(shown);
        }
        entry.put("backends", ruleBackends);
        entry.put("traffic", traffic.apply(rule.name()));
        return entry;
    }

    /** A match as people write it: {@code PathPrefix /api, header x-env Exact canary, method GET}. */
    static String match(Map<String, Object> match) {
        List<String> parts = new ArrayList<>();
        Map<String, Object> path = map(match.get("path"));
        if (!path.isEmpty()) {
            parts.add(pathType(text(path, "type")) + " " + text(path, "value"));
        }
        maps(match.get("headers")).forEach(h -> parts.add("header " + text(h, "name") + " " + valueType(text(h, "type"))
                + " " + text(h, "value")));
        maps(match.get("queryParams")).forEach(q -> parts.add("query " + text(q, "name") + " "
                + valueType(text(q, "type")) + " " + text(q, "value")));
        if (match.get("method") != null) {
            parts.add("method " + text(match, "method"));
        }
        return String.join(", ", parts);
    }

    private static String pathType(String type) {
        return switch (type) {
            case "PREFIX" -> "PathPrefix";
            case "EXACT" -> "Exact";
            case "REGULAR_EXPRESSION" -> "RegularExpression";
            default -> type;
        };
    }

    private static String valueType(String type) {
        return type.equals("REGULAR_EXPRESSION") ? "RegularExpression" : "Exact";
    }

    private static Map<String, Object> filter(Map<String, Object> filter) {
        Map<String, Object> key = map(filter.get("key"));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("type", text(key, "name"));
        if (!text(key, "group").isEmpty()) {
            shown.put("group", text(key, "group"));
        }
        shown.put("spec", filter.get("spec"));
        return shown;
    }

    static Map<String, Object> policy(Map<String, Object> item, List<Map<String, Object>> problems) {
        Map<String, Object> document = head(item, problems);
        List<Map<String, Object>> ancestors = new ArrayList<>();
        for (Map<String, Object> ancestor : maps(JsonTree.path(item, "status", "ancestors"))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ancestorRef", StatusConditions.reference(ancestor.get("ancestorRef"), text(document, "namespace")));
            entry.put("conditions", maps(ancestor.get("conditions")));
            ancestors.add(entry);
        }
        document.put("ancestors", ancestors);
        document.put("conditions", maps(JsonTree.path(item, "status", "conditions")));
        return document;
    }

    static Map<String, Object> backend(String namespace, String name, List<Map<String, Object>> ports) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", "Backend");
        document.put("namespace", namespace);
        document.put("name", name);
        document.put("ports", ports);
        return document;
    }
}
