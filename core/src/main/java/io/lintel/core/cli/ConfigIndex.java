package io.lintel.core.cli;

import static io.lintel.core.cli.JsonTree.map;
import static io.lintel.core.cli.JsonTree.maps;
import static io.lintel.core.cli.JsonTree.number;
import static io.lintel.core.cli.JsonTree.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the operator commands read from {@code GET /config} (the IR being served): which socket each listener is on,
 * which listeners each route reached, and each route's rules with their matches, filters and backends. Keys are IR
 * names: listeners {@code gateway/<ns>/<gateway>/listener/<name>}, routes {@code httproute/<ns>/<name>}, rules
 * {@code httproute/<ns>/<name>/rule/<i>}.
 */
final class ConfigIndex {

    /** A listener as served: its socket ({@code address:port}), protocol and hostname. */
    record Listener(String name, String socket, String protocol, String hostname) {}

    /** A rule as served, with every match that leads to it (one per virtual host it is reachable from). */
    record Rule(String name, String ruleName, Map<String, Object> rule, List<Map<String, Object>> matches,
            Set<String> hostnames) {}

    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final Map<String, Set<String>> listenersByRoute = new LinkedHashMap<>();
    private final Map<String, Set<String>> routesByListener = new LinkedHashMap<>();
    private final Map<String, Map<String, Rule>> rulesByRoute = new LinkedHashMap<>();

    ConfigIndex(Object config) {
        for (Map<String, Object> socket : maps(map(config).get("sockets"))) {
            for (Map<String, Object> listener : maps(socket.get("listeners"))) {
                String listenerName = addListener(socket, listener);
                for (Map<String, Object> host : maps(listener.get("virtualHosts"))) {
                    for (Map<String, Object> match : maps(host.get("matches"))) {
                        Map<String, Object> rule = map(match.get("rule"));
                        String route = routeOf(text(rule, "name"));
                        attach(route, listenerName);
                        Rule indexed = rulesByRoute.computeIfAbsent(route, r -> new LinkedHashMap<>())
                                .computeIfAbsent(text(rule, "name"), name -> new Rule(name,
                                        rule.get("ruleName") == null ? "" : text(rule, "ruleName"), rule,
                                        new ArrayList<>(), new LinkedHashSet<>()));
                        indexed.matches().add(match);
                        indexed.hostnames().add(text(host, "hostname"));
                    }
                }
                for (Map<String, Object> relayed : maps(map(listener.get("passthrough")).get("routes"))) {
                    attach(text(relayed, "name"), listenerName);
                    rulesByRoute.computeIfAbsent(text(relayed, "name"), r -> new LinkedHashMap<>())
                            .computeIfAbsent(text(relayed, "name"), name -> new Rule(name, "", relayed,
                                    new ArrayList<>(), new LinkedHashSet<>()))
                            .hostnames().add(text(relayed, "hostname"));
                }
            }
        }
    }

    /**
     * Adds the listeners of another {@code /config} document (e.g. a parent Gateway's, to name the listeners a
     * route is not served on) without their routes.
     */
    ConfigIndex withListenersOf(Object config) {
        for (Map<String, Object> socket : maps(map(config).get("sockets"))) {
            maps(socket.get("listeners")).forEach(listener -> addListener(socket, listener));
        }
        return this;
    }

    private String addListener(Map<String, Object> socket, Map<String, Object> listener) {
        String address = text(socket, "address");
        String socketName = (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + number(socket, "port");
        String name = text(listener, "name");
        listeners.putIfAbsent(name, new Listener(name, socketName, text(socket, "protocol"), text(listener, "hostname")));
        return name;
    }

    private void attach(String route, String listener) {
        listenersByRoute.computeIfAbsent(route, r -> new LinkedHashSet<>()).add(listener);
        routesByListener.computeIfAbsent(listener, l -> new LinkedHashSet<>()).add(route);
    }

    /** The route an IR rule name belongs to. */
    static String routeOf(String ruleName) {
        int rule = ruleName.indexOf("/rule/");
        return rule < 0 ? ruleName : ruleName.substring(0, rule);
    }

    /** The IR name of a resource: {@code httproute/<ns>/<name>}. */
    static String irName(String kind, String namespace, String name) {
        return kind.toLowerCase(Locale.ROOT) + "/" + namespace + "/" + name;
    }

    /** The IR name of a Gateway's listener. */
    static String listenerName(String namespace, String gateway, String listener) {
        return "gateway/" + namespace + "/" + gateway + "/listener/" + listener;
    }

    Listener listener(String name) {
        return listeners.get(name);
    }

    Set<String> listenersOf(String route) {
        return listenersByRoute.getOrDefault(route, Set.of());
    }

    Set<String> routesOf(String listener) {
        return routesByListener.getOrDefault(listener, Set.of());
    }

    /** The route's rules in IR order. */
    List<Rule> rulesOf(String route) {
        return List.copyOf(rulesByRoute.getOrDefault(route, Map.of()).values());
    }

    /** A listener's IR name shortened for tables: {@code gw/http} (its namespace is the row's). */
    static String shortListener(String listener) {
        String[] parts = listener.split("/");
        return parts.length == 5 ? parts[2] + "/" + parts[4] : listener;
    }
}
