package io.lintel.core.cli;

import static io.lintel.core.cli.JsonTree.map;
import static io.lintel.core.cli.JsonTree.maps;
import static io.lintel.core.cli.JsonTree.text;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.cli.args.Positional;
import io.lintel.core.cli.args.UsageException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code lintel describe KIND/NAME [-n NS]}: everything about one object of the running gateway. For a route: its
 * parents' conditions, the listeners it is served on and why not on the parent's others, each rule's matches,
 * filters and backends with endpoint health, and its traffic (from two reads of the request counters, {@code
 * --window} apart). Exits 1 when the object does not exist.
 */
final class DescribeCommand extends AdminCommand {

    static final Positional OBJECT = Positional.required("KIND/NAME", "e.g. httproute/web, gw/public, backend/shop.");
    static final Option WINDOW = Option.value("SECONDS",
            "Seconds between the two reads of the request counters that give a route's request rate and error ratio; 0: counts since start only (default: ${DEFAULT}).",
            "--window").withDefault("1");
    static final CommandSpec SPEC = CommandSpec.builder("lintel describe",
                    "Describe one object of the running gateway: gateway/NAME, httproute/NAME (or another route kind, or route/NAME), a policy (e.g. backendtlspolicy/NAME), gatewayclass/NAME, backend/SERVICE.")
            .positional(OBJECT)
            .options(AdminOptions.OPTIONS)
            .options(NamespaceOptions.OPTIONS)
            .option(WINDOW)
            .build();

    private final String object;
    private final NamespaceOptions namespaces;
    private final double windowSeconds;

    DescribeCommand(ParsedArguments arguments) {
        super(SPEC, arguments);
        object = arguments.positional(0);
        int slash = object.indexOf('/');
        if (slash <= 0 || slash == object.length() - 1) {
            throw new UsageException("'" + object + "' (expected: KIND/NAME, e.g. httproute/web)");
        }
        namespaces = new NamespaceOptions(arguments);
        windowSeconds = arguments.decimal(WINDOW);
    }

    @Override
    int run(AdminClient client, Console console)
            throws AdminClient.UnreachableException, AdminClient.RequestException, NotFoundException {
        PrintWriter out = console.out();
        int slash = object.indexOf('/');
        String kind = object.substring(0, slash).toLowerCase(Locale.ROOT);
        String name = object.substring(slash + 1);
        Map<String, Object> document = kind.equals("backend") || kind.equals("backends")
                ? backend(client, name) : resource(client, kind, name);
        if (output() == OutputFormat.TABLE) {
            new DescriptionText(out).print(document);
        } else {
            output().print(document, out);
        }
        return ExitCodes.OK;
    }

    private Map<String, Object> resource(AdminClient client, String typed, String name)
            throws AdminClient.UnreachableException, AdminClient.RequestException, NotFoundException {
        boolean clusterScoped = typed.equals("gatewayclass") || typed.equals("gatewayclasses");
        String namespace = clusterScoped ? "" : namespaces.namespace();
        List<Map.Entry<String, String>> filter = List.of(Map.entry("namespace", namespace), Map.entry("name", name));
        Map<String, Object> status = map(client.getJson("/status", filter));
        List<Map<String, Object>> items = maps(status.get("items")).stream()
                .filter(item -> kindMatches(typed, text(item, "kind")))
                .toList();
        if (items.isEmpty()) {
            throw new NotFoundException("no " + typed + " " + (namespace.isEmpty() ? "" : namespace + "/") + name
                    + " in the running gateway's status (lintel get ... -A lists what it has)");
        }
        if (items.size() > 1) {
            throw new NotFoundException(typed + " " + name + " is ambiguous: " + items.stream()
                    .map(item -> text(item, "kind")).toList() + "; name the kind");
        }
        Map<String, Object> item = items.get(0);
        String kind = text(item, "kind");
        List<Map<String, Object>> problems = maps(status.get("problems"));
        if (kind.equals("Gateway")) {
            return Description.gateway(item, problems, new ConfigIndex(client.getJson("/config", filter)));
        }
        if (ResourceKind.ROUTES.lists(kind)) {
            return route(client, item, problems, filter);
        }
        return Description.policy(item, problems);
    }

    private Map<String, Object> route(AdminClient client, Map<String, Object> item, List<Map<String, Object>> problems,
            List<Map.Entry<String, String>> filter) throws AdminClient.UnreachableException, AdminClient.RequestException {
        RuleTraffic before = windowSeconds > 0 ? RuleTraffic.parse(client.get("/metrics", List.of())) : null;
        long started = System.nanoTime();
        ConfigIndex config = new ConfigIndex(client.getJson("/config",
                List.of(Map.entry("kind", text(item, "kind")), filter.get(0), filter.get(1))));
        Map<String, Map<String, Object>> gateways = new LinkedHashMap<>();
        for (Map<String, Object> parent : maps(JsonTree.path(item, "status", "parents"))) {
            Map<String, Object> ref = map(parent.get("parentRef"));
            if (ref.get("kind") != null && !"Gateway".equals(ref.get("kind"))) {
                continue;
            }
            List<Map.Entry<String, String>> gateway = List.of(Map.entry("kind", "Gateway"), Map.entry("namespace",
                    ref.get("namespace") == null ? ResourceRows.namespace(item) : text(ref, "namespace")),
                    Map.entry("name", text(ref, "name")));
            maps(map(client.getJson("/status", gateway)).get("items")).forEach(found -> gateways.put(
                    ResourceRows.namespace(found) + "/" + ResourceRows.name(found), found));
            config.withListenersOf(client.getJson("/config", gateway));
        }
        Map<String, Map<String, Object>> backends = new LinkedHashMap<>();
        maps(map(client.getJson("/backends", List.of())).get("backends"))
                .forEach(backend -> backends.put(text(backend, "name"), backend));
        RuleTraffic earlier = before;
        double window = 0;
        if (before != null) {
            // the reads above took part of the window already
            sleepRest(started);
            window = (System.nanoTime() - started) / 1e9;
        }
        RuleTraffic now = RuleTraffic.parse(client.get("/metrics", List.of()));
        double measured = Math.round(window * 100) / 100.0;
        return Description.route(item, problems, config, gateways, backends,
                rule -> now.describe(rule, earlier, measured));
    }

    private void sleepRest(long started) {
        long rest = (long) (windowSeconds * 1e9) - (System.nanoTime() - started);
        if (rest > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(rest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Object> backend(AdminClient client, String name)
            throws AdminClient.UnreachableException, AdminClient.RequestException, NotFoundException {
        String service = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        List<Map<String, Object>> ports = new ArrayList<>(maps(map(client.getJson("/backends", List.of(
                Map.entry("namespace", namespaces.namespace()), Map.entry("name", service)))).get("backends")));
        if (name.contains(":")) {
            ports.removeIf(port -> !text(port, "name").endsWith("/" + name));
        }
        if (ports.isEmpty()) {
            throw new NotFoundException("no backend " + namespaces.namespace() + "/" + name
                    + " in the routes being served (lintel get backends -A lists them)");
        }
        return Description.backend(namespaces.namespace(), name, ports);
    }

    /** Whether a typed kind ({@code httproute}, {@code gw}, {@code route}, {@code backendtlspolicy}) names {@code kind}. */
    static boolean kindMatches(String typed, String kind) {
        String lower = kind.toLowerCase(Locale.ROOT);
        for (String singular : List.of(typed, typed.replaceAll("s$", ""), typed.replaceAll("es$", ""),
                typed.replaceAll("ies$", "y"))) {
            boolean matches = switch (singular) {
                case "gw" -> kind.equals("Gateway");
                case "route" -> ResourceKind.ROUTES.lists(kind);
                default -> lower.equals(singular);
            };
            if (matches) {
                return true;
            }
        }
        return false;
    }
}
