package io.lintel.core.cli;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.cli.args.UsageException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lintel explain --host H --path P ...}: which listener, route, rule and backends the running gateway would
 * give a request, and why the candidates before it did not match ({@code GET /explain}). Exits 0 when a route
 * matches on some socket, 1 when the request would be answered 404 everywhere.
 */
final class ExplainCommand extends AdminCommand {

    static final Option HOST = Option.value("HOST", "The request's Host (port optional).", "--host").asRequired();
    static final Option PATH = Option.value("PATH", "The request's path (default: ${DEFAULT}).", "--path").withDefault("/");
    static final Option METHOD = Option.value("METHOD", "The method (default: ${DEFAULT}).", "-X", "--method")
            .withDefault("GET");
    static final Option HEADER = Option.repeatable("NAME=VALUE", "A request header (repeatable); NAME:VALUE works too.",
            "-H", "--header");
    static final Option QUERY = Option.repeatable("NAME=VALUE", "A query parameter (repeatable).", "--query");
    static final Option LISTENER = Option.value("ADDR:PORT",
            "The socket the request arrives on (default: every socket serving HTTP).", "--listener");
    static final Option LIMIT = Option.value("N", "The most route matches to list (default: ${DEFAULT}).", "--limit")
            .withDefault("100");
    static final CommandSpec SPEC = CommandSpec.builder("lintel explain",
                    "Explain how the running gateway routes a request: listener, virtual host, each route match before the answer and why it did not apply, rule, backends.")
            .options(AdminOptions.OPTIONS)
            .option(HOST).option(PATH).option(METHOD).option(HEADER).option(QUERY).option(LISTENER).option(LIMIT)
            .build();

    private final String host;
    private final String path;
    private final String method;
    /** As the admin API takes them: {@code NAME:VALUE}. */
    private final List<String> headers = new ArrayList<>();
    private final List<String> query;
    private final String listener;
    private final int limit;

    ExplainCommand(ParsedArguments arguments) {
        super(SPEC, arguments);
        host = arguments.value(HOST);
        path = arguments.value(PATH);
        method = arguments.value(METHOD);
        for (String header : arguments.values(HEADER)) {
            headers.add(headerParameter(header).orElseThrow(() ->
                    new UsageException("--header " + header + " (expected: NAME=VALUE)")));
        }
        query = arguments.values(QUERY);
        listener = arguments.value(LISTENER);
        limit = arguments.integer(LIMIT);
    }

    @Override
    int run(AdminClient client, Console console) throws AdminClient.UnreachableException, AdminClient.RequestException {
        PrintWriter out = console.out();
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(Map.entry("host", host));
        parameters.add(Map.entry("path", path));
        parameters.add(Map.entry("method", method));
        for (String header : headers) {
            parameters.add(Map.entry("header", header));
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
