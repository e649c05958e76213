package io.lintel.core.cli;

import static io.lintel.core.cli.JsonTree.map;
import static io.lintel.core.cli.JsonTree.maps;
import static io.lintel.core.cli.JsonTree.number;
import static io.lintel.core.cli.JsonTree.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows of {@code lintel get} for each kind, from the admin documents ({@code /status}, {@code /config}, {@code /backends}). */
final class ResourceRows {

    private ResourceRows() {}

    /** One row per Gateway: conditions, addresses, listeners with their sockets, attached routes. */
    static Rows gateways(List<Map<String, Object>> items, ConfigIndex config) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> item : items) {
            Map<String, Object> status = map(item.get("status"));
            String namespace = namespace(item);
            String name = name(item);
            List<String> listeners = new ArrayList<>();
            long routes = 0;
            for (Map<String, Object> listener : maps(status.get("listeners"))) {
                ConfigIndex.Listener served = config.listener(
                        ConfigIndex.listenerName(namespace, name, text(listener, "name")));
                listeners.add(text(listener, "name") + "=" + (served == null ? "not-served" : served.socket()));
                routes += number(listener, "attachedRoutes");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("namespace", namespace);
            row.put("name", name);
            row.put("accepted", StatusConditions.summary(status.get("conditions"), "Accepted"));
            row.put("programmed", StatusConditions.summary(status.get("conditions"), "Programmed"));
            row.put("addresses", maps(status.get("addresses")).stream().map(a -> text(a, "value")).toList());
            row.put("listeners", listeners);
            row.put("attachedRoutes", routes);
            rows.add(row);
        }
        return new Rows(List.of("namespace", "name", "accepted", "programmed", "addresses", "listeners", "attachedRoutes"),
                rows);
    }

    /** One row per route: parents, the parents' Accepted and ResolvedRefs, the listeners it is served on. */
    static Rows routes(List<Map<String, Object>> items, ConfigIndex config) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> item : items) {
            String namespace = namespace(item);
            List<Map<String, Object>> parents = maps(JsonTree.path(item, "status", "parents"));
            List<Object> conditions = parents.stream().map(parent -> parent.get("conditions")).toList();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("namespace", namespace);
            row.put("kind", text(item, "kind"));
            row.put("name", name(item));
            row.put("parents", parents.stream().map(parent -> parentCell(parent.get("parentRef"), namespace)).toList());
            row.put("accepted", StatusConditions.summary(conditions, "Accepted"));
            row.put("resolvedRefs", StatusConditions.summary(conditions, "ResolvedRefs"));
            row.put("listeners", config.listenersOf(ConfigIndex.irName(text(item, "kind"), namespace, name(item)))
                    .stream().map(ConfigIndex::shortListener).toList());
            rows.add(row);
        }
        return new Rows(List.of("namespace", "kind", "name", "parents", "accepted", "resolvedRefs", "listeners"), rows);
    }

    /** One row per policy: its ancestors and their Accepted condition. */
    static Rows policies(List<Map<String, Object>> items) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> item : items) {
            List<Map<String, Object>> ancestors = maps(JsonTree.path(item, "status", "ancestors"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("namespace", namespace(item));
            row.put("kind", text(item, "kind"));
            row.put("name", name(item));
            row.put("ancestors", ancestors.stream().map(a -> parentCell(a.get("ancestorRef"), namespace(item))).toList());
            row.put("accepted", StatusConditions.summary(
                    ancestors.stream().map(a -> a.get("conditions")).toList(), "Accepted"));
            rows.add(row);
        }
        return new Rows(List.of("namespace", "kind", "name", "ancestors", "accepted"), rows);
    }

    /** One row per backend (Service port): endpoints healthy/total, the ejected ones, the rules that use it. */
    static Rows backends(List<Map<String, Object>> backends) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> backend : backends) {
            List<Map<String, Object>> endpoints = maps(backend.get("endpoints"));
            String name = text(backend, "name");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("namespace", text(backend, "namespace"));
            row.put("name", name.substring(name.indexOf('/') + 1));
            row.put("endpoints", BackendText.health(endpoints));
            row.put("ejected", endpoints.stream().filter(e -> Boolean.TRUE.equals(e.get("ejected")))
                    .map(e -> BackendText.endpoint(e).replace(" ejected", "")).toList());
            row.put("invalid", number(backend, "errorStatus") == 0 ? "" : "answers " + number(backend, "errorStatus"));
            row.put("rules", JsonTree.strings(backend.get("rules")).size());
            rows.add(row);
        }
        return new Rows(List.of("namespace", "name", "endpoints", "ejected", "invalid", "rules"), rows);
    }

    /** {@code gw} or {@code gw/http} (section), or {@code other-ns/gw} when in another namespace than the row's. */
    private static String parentCell(Object reference, String rowNamespace) {
        Map<String, Object> ref = map(reference);
        boolean elsewhere = ref.get("namespace") != null && !rowNamespace.equals(ref.get("namespace"));
        String cell = (elsewhere ? text(ref, "namespace") + "/" : "") + text(ref, "name");
        return ref.get("sectionName") == null ? cell : cell + "/" + text(ref, "sectionName");
    }

    static String namespace(Map<String, Object> item) {
        return text(map(item.get("metadata")), "namespace");
    }

    static String name(Map<String, Object> item) {
        return text(map(item.get("metadata")), "name");
    }
}
