package io.lintel.core.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code lintel explain --host H --path P ...}: which listener, route, rule and backends the running gateway would
 * give a request, and why the candidates before it did not match ({@code GET /explain}). Exits 0 when a route
 * matches on some socket, 1 when the request would be answered 404 everywhere.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain how the running gateway routes a request: listener, virtual host, each route match before the answer and why it did not apply, rule, backends.")
final class ExplainCommand extends AdminCommand {

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "The request's Host (port optional).")
    String host;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/", description = "The request's path (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = {"-X", "--method"}, paramLabel = "METHOD", defaultValue = "GET", description = "The method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "NAME=VALUE", description = "A request header (repeatable); NAME:VALUE works too.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--query", paramLabel = "NAME=VALUE", description = "A query parameter (repeatable).")
    List<String> query = new ArrayList<>();

    @Option(names = "--listener", paramLabel = "ADDR:PORT", description = "The socket the request arrives on (default: every socket serving HTTP).")
    String listener;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "The most route matches to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    int run(AdminClient client, PrintWriter out) throws AdminClient.UnreachableException, AdminClient.RequestException {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(Map.entry("host", host));
        parameters.add(Map.entry("path", path));
        parameters.add(Map.entry("method", method));
        for (String header : headers) {
            parameters.add(Map.entry("header", headerParameter(header).orElseThrow(() ->
                    new ParameterException(spec.commandLine(), "--header " + header + " (expected: NAME=VALUE)"))));
        }
        query.forEach(pair -> parameters.add(Map.entry("query", pair)));
        if (listener != null) {
            parameters.add(Map.entry("listener", listener));
        }
        parameters.add(Map.entry("limit", Integer.toString(limit)));
        Object document = client.getJson("/explain", parameters);
        if (output() == OutputFormat.TABLE) {
            new ExplainText(out).print(JsonTree.map(document));
        } else {
            output().print(document, out);
        }
        boolean matched = JsonTree.maps(JsonTree.map(document).get("explanations")).stream()
                .anyMatch(explanation -> Boolean.TRUE.equals(JsonTree.path(explanation, "result", "matched")));
        return matched ? ExitCodes.OK : ExitCodes.NOT_FOUND_OR_PROBLEM;
    }

    /** {@code NAME=VALUE} as the admin API takes it ({@code NAME:VALUE}); a value may hold {@code =} or {@code :}. */
    static Optional<String> headerParameter(String header) {
        int equals = header.indexOf('=');
        int colon = header.indexOf(':');
        int at = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
        return at <= 0 ? Optional.empty() : Optional.of(header.substring(0, at) + ":" + header.substring(at + 1));
    }
}
