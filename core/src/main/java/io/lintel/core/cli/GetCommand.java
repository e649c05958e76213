package io.lintel.core.cli;

import static io.lintel.core.cli.JsonTree.maps;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code lintel get gateways|routes|policies|backends [-n NS] [-A]}: one line per object of the running gateway,
 * with its key conditions, listeners, attached routes or endpoints. Exits 0 (also when there is nothing to list:
 * an empty list is an answer).
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "List gateways, routes, policies or backends of the running gateway, one line each.")
final class GetCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "KIND", converter = ResourceKind.Converter.class,
            description = "gateways (gw), routes (or httproutes, grpcroutes, tlsroutes, tcproutes, udproutes), policies, backends.")
    String kind;

    @Mixin
    NamespaceOptions namespaces;

    @Override
    int run(AdminClient client, PrintWriter out) throws AdminClient.UnreachableException, AdminClient.RequestException {
        Rows rows = rows(client);
        if (output() == OutputFormat.TABLE) {
            if (rows.rows().isEmpty()) {
                spec.commandLine().getErr().println("No " + ResourceKind.of(kind).name().toLowerCase(Locale.ROOT)
                        + (namespaces.all ? "" : " in namespace " + namespaces.namespace()) + ".");
                spec.commandLine().getErr().flush();
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
