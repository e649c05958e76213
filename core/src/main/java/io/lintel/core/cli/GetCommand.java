package io.lintel.core.cli;

import static io.lintel.core.cli.JsonTree.maps;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.cli.args.Positional;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lintel get gateways|routes|policies|backends [-n NS] [-A]}: one line per object of the running gateway,
 * with its key conditions, listeners, attached routes or endpoints. Exits 0 (also when there is nothing to list:
 * an empty list is an answer).
 */
final class GetCommand extends AdminCommand {

    static final Positional KIND = Positional.required("KIND",
            "gateways (gw), routes (or httproutes, grpcroutes, tlsroutes, tcproutes, udproutes), policies, backends.");
    static final CommandSpec SPEC = CommandSpec.builder("lintel get",
                    "List gateways, routes, policies or backends of the running gateway, one line each.")
            .positional(KIND)
            .options(AdminOptions.OPTIONS)
            .options(NamespaceOptions.OPTIONS)
            .build();

    /** As typed: {@code httproutes} narrows the routes to one kind. */
    private final String kind;
    private final NamespaceOptions namespaces;

    GetCommand(ParsedArguments arguments) {
        super(SPEC, arguments);
        arguments.positional(0, ResourceKind::of);
        kind = arguments.positional(0);
        namespaces = new NamespaceOptions(arguments);
    }

    @Override
    int run(AdminClient client, Console console) throws AdminClient.UnreachableException, AdminClient.RequestException {
        PrintWriter out = console.out();
        Rows rows = rows(client);
        if (output() == OutputFormat.TABLE) {
            if (rows.rows().isEmpty()) {
                console.err().println("No " + ResourceKind.of(kind).name().toLowerCase(Locale.ROOT)
                        + (namespaces.all ? "" : " in namespace " + namespaces.namespace()) + ".");
                console.err().flush();
            } else {
                rows.printTable(out);
            }
        } else {
            output().print(Map.of("items", rows.rows()), out);
        }
        return ExitCodes.OK;
    }

    private Rows rows(AdminClient client) throws AdminClient.UnreachableException, AdminClient.RequestException {
        ResourceKind resourceKind = ResourceKind.of(kind);
        List<Map.Entry<String, String>> filter = namespaces.filter();
        if (resourceKind == ResourceKind.BACKENDS) {
            return ResourceRows.backends(maps(JsonTree.map(client.getJson("/backends", filter)).get("backends")));
        }
        String routeKind = resourceKind == ResourceKind.ROUTES ? ResourceKind.routeKind(kind) : null;
        List<Map<String, Object>> items = maps(JsonTree.map(client.getJson("/status", filter)).get("items")).stream()
                .filter(item -> resourceKind.lists(JsonTree.text(item, "kind")))
                .filter(item -> routeKind == null || routeKind.equals(JsonTree.text(item, "kind")))
                .toList();
        return switch (resourceKind) {
            case GATEWAYS -> ResourceRows.gateways(items, new ConfigIndex(client.getJson("/config", filter)));
            case ROUTES -> ResourceRows.routes(items, new ConfigIndex(client.getJson("/config", filter)));
            case POLICIES -> ResourceRows.policies(items);
            case BACKENDS -> throw new IllegalStateException("listed above");
        };
    }
}
