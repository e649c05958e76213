package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.IrProtocol;
import io.lintel.core.proxy.PathNormalizer;
import io.lintel.core.route.RouteExplanation.HostCandidate;
import io.lintel.core.route.RouteExplanation.MatchCandidate;
import io.lintel.core.route.RouteExplanation.Result;
import io.lintel.core.route.RouteExplanation.Verdict;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Explains how a route table routes a request ({@link RouteExplanation}). The answer is the one requests get: the
 * explainer asks the table through the data plane's own lookup ({@link CompiledRouteTable#routeHost}), after the
 * same path normalisation the data plane applies; the explanation beside it walks the same compiled listeners,
 * virtual hosts and matches, and reads each match's verdict from {@link CompiledMatch#firstFailedCondition}, the
 * method {@link CompiledMatch#matches} is. Runs on the admin server's render threads; it allocates freely.
 */
public final class RouteExplainer {

    private RouteExplainer() {}

    /**
     * A request to explain.
     *
     * @param method e.g. {@code GET}
     * @param authority the Host header (with or without port)
     * @param target the request-target as a client sends it: path and optional query
     * @param headers the request's headers (the Host header is read from {@code authority})
     */
    public record Request(String method, String authority, String target, HttpHeaders headers) {
        public Request {
            requireNonNull(method, "method");
            requireNonNull(authority, "authority");
            requireNonNull(target, "target");
            requireNonNull(headers, "headers");
        }
    }

    /**
     * @param socket the socket the request arrives on
     * @param limit the most matches, and virtual hosts whose hostname does not cover the host, to list
     */
    public static RouteExplanation explain(CompiledRouteTable table, SocketKey socket, Request request, int limit) {
        String host = HostNames.normalize(request.authority());
        String target = PathNormalizer.normalize(request.target());
        RouteRequest routeRequest = new RouteRequest().reset(request.method(), target, request.headers());
        CompiledRule answer = table.routeHost(socket, host, routeRequest);
        CompiledSocket compiled = table.sockets().get(socket);
        List<String> notes = new ArrayList<>();
        if (compiled == null) {
            notes.add(table.datagramRoutes().containsKey(socket)
                    ? "socket " + socket + " is a UDP socket: its datagrams are relayed, not routed as HTTP requests"
                    : "no HTTP socket " + socket + " in the configuration served: requests there are not accepted");
            return new RouteExplanation(socket.toString(), table.datagramRoutes().containsKey(socket) ? "UDP" : "NONE",
                    host, routeRequest.path(), List.of(), List.of(), List.of(), 0, result(table, answer, ""), notes);
        }
        if (compiled.protocol() == IrProtocol.TCP) {
            CompiledTlsRoute tcp = compiled.tcpRoute();
            notes.add("socket " + socket + " relays TCP connections (" + (tcp == null ? "no TCPRoute attached: closed"
                    : "to " + tcp.name()) + "): HTTP routing does not apply");
        } else if (compiled.protocol() == IrProtocol.TLS) {
            notes.add("socket " + socket + " chooses passthrough listeners by the TLS server name (SNI) before HTTP;"
                    + " explained here: its HTTPS listeners");
        } else if (compiled.protocol() == IrProtocol.HTTPS) {
            // 421 only where the socket checks (the gateway-tls plugin, more than one TLS listener)
            notes.add("assumed: the TLS server name (SNI) is the host" + (compiled.checksMisdirected()
                    ? "; a connection whose server name selects another listener gets 421 Misdirected Request" : ""));
        }

        HostSelector<CompiledListener> listenerSelector = compiled.listeners();
        CompiledListener listener = listenerSelector.select(host);
        List<HostCandidate> listeners = new ArrayList<>();
        for (Map.Entry<String, CompiledListener> entry : listenerSelector.entries()) {
            listeners.add(new HostCandidate(entry.getValue().name(), entry.getKey(),
                    verdict(entry.getKey(), entry.getValue() == listener, host), List.of()));
        }

        List<HostCandidate> virtualHosts = new ArrayList<>();
        List<MatchCandidate> matches = new ArrayList<>();
        int notShown = 0;
        if (listener != null) {
            HostSelector<CompiledVirtualHost> hostSelector = listener.virtualHosts();
            CompiledVirtualHost chosen = hostSelector.select(host);
            int mismatched = 0;
            for (Map.Entry<String, CompiledVirtualHost> entry : hostSelector.entries()) {
                Verdict verdict = verdict(entry.getKey(), entry.getValue() == chosen, host);
                if (verdict == Verdict.HOST_MISMATCH && mismatched++ >= limit) {
                    continue;
                }
                virtualHosts.add(new HostCandidate(entry.getKey(), entry.getKey(), verdict,
                        routes(entry.getValue(), limit)));
            }
            if (chosen != null) {
                for (CompiledMatch match : chosen.matches()) {
                    int failed = match.firstFailedCondition(routeRequest);
                    if (matches.size() < limit || failed == CompiledMatch.NO_FAILURE) {
                        matches.add(new MatchCandidate(match.name(), routeOf(match.name()), match.rule().name(),
                                match.rule().ruleName(),
                                failed == CompiledMatch.NO_FAILURE ? null : match.mismatch(failed, routeRequest)));
                    } else {
                        notShown++;
                    }
                    if (failed == CompiledMatch.NO_FAILURE) {
                        break;
                    }
                }
            }
        }
        MatchCandidate applied = matches.isEmpty() || !matches.get(matches.size() - 1).matched() ? null
                : matches.get(matches.size() - 1);
        String expected = applied == null ? table.notFound().name() : applied.rule();
        if (!expected.equals(answer.name())) {
            // never expected: the walk above reads the structures the lookup reads
            notes.add("the data plane answers with " + answer.name() + " where this walk found " + expected);
        }
        return new RouteExplanation(socket.toString(), compiled.protocol().name(), host, routeRequest.path(),
                listeners, virtualHosts, matches, notShown,
                result(table, answer, listener == null ? "" : listener.name()), notes);
    }

    private static Verdict verdict(String hostname, boolean selected, String host) {
        if (selected) {
            return Verdict.SELECTED;
        }
        return HostSelector.covers(hostname, host) ? Verdict.LESS_SPECIFIC : Verdict.HOST_MISMATCH;
    }

    private static List<String> routes(CompiledVirtualHost virtualHost, int limit) {
        Set<String> routes = new LinkedHashSet<>();
        for (CompiledMatch match : virtualHost.matches()) {
            if (routes.size() >= limit) {
                break;
            }
            routes.add(routeOf(match.name()));
        }
        return List.copyOf(routes);
    }

    private static Result result(CompiledRouteTable table, CompiledRule answer, String listener) {
        boolean matched = answer != table.notFound();
        List<BackendState> backends = answer.backends().stream().map(BackendState::of).toList();
        return new Result(matched, listener, matched ? routeOf(answer.name()) : "",
                answer.name(), answer.ruleName(), answer.directResponseStatus(), backends);
    }

    /** The route an IR rule or match name belongs to: {@code httproute/<ns>/<name>}. */
    static String routeOf(String name) {
        int rule = name.indexOf("/rule/");
        return rule < 0 ? name : name.substring(0, rule);
    }
}
