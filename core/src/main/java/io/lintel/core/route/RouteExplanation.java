package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How the route table of one socket treats a request, step by step: which listener its host selected (and why not
 * the others), which virtual host within it, every route match evaluated before the one that applied with the
 * condition that failed, and the rule the data plane answers with. Made by {@link RouteExplainer}.
 *
 * @param socket the socket, {@code address:port}
 * @param protocol how the socket speaks to clients ({@code HTTP}, {@code HTTPS}, {@code TLS}, {@code TCP})
 * @param host the request's host as routing reads it (port and trailing dot stripped, lower case)
 * @param path the request's path as routing reads it (normalised, without the query)
 * @param listeners the socket's listeners, most specific hostname first
 * @param virtualHosts the chosen listener's virtual hosts (route hostnames), most specific first; empty without one
 * @param matches the chosen virtual host's matches in precedence order, up to and including the one that applied
 *     (at most the limit the explainer was given)
 * @param matchesNotShown matches evaluated before the answer but left out by the limit
 * @param result the rule the data plane answers with
 * @param notes what else a reader should know, e.g. that the socket relays TCP rather than serving HTTP
 */
public record RouteExplanation(
        String socket,
        String protocol,
        String host,
        String path,
        List<HostCandidate> listeners,
        List<HostCandidate> virtualHosts,
        List<MatchCandidate> matches,
        int matchesNotShown,
        Result result,
        List<String> notes) {

    public RouteExplanation {
        requireNonNull(socket, "socket");
        requireNonNull(protocol, "protocol");
        requireNonNull(host, "host");
        requireNonNull(path, "path");
        listeners = List.copyOf(requireNonNull(listeners, "listeners"));
        virtualHosts = List.copyOf(requireNonNull(virtualHosts, "virtualHosts"));
        matches = List.copyOf(requireNonNull(matches, "matches"));
        requireNonNull(result, "result");
        notes = List.copyOf(requireNonNull(notes, "notes"));
    }

    /** Whether a host-keyed entry (a listener or a virtual host) was chosen for the request's host. */
    public enum Verdict {
        /** Chosen: the most specific hostname that covers the host. */
        SELECTED,
        /** Its hostname covers the host, but a more specific one was chosen. */
        LESS_SPECIFIC,
        /** Its hostname does not cover the host. */
        HOST_MISMATCH
    }

    /**
     * A listener or virtual host of the socket.
     *
     * @param name the listener's IR name ({@code gateway/<ns>/<gateway>/listener/<name>}); for a virtual host its
     *     hostname
     * @param hostname exact, {@code *.suffix} or {@code "*"}
     * @param routes for a virtual host, the routes it serves ({@code httproute/<ns>/<name>}); empty for a listener
     */
    public record HostCandidate(String name, String hostname, Verdict verdict, List<String> routes) {
        public HostCandidate {
            requireNonNull(name, "name");
            requireNonNull(hostname, "hostname");
            requireNonNull(verdict, "verdict");
            routes = List.copyOf(requireNonNull(routes, "routes"));
        }
    }

    /**
     * One route match of the chosen virtual host.
     *
     * @param match {@code httproute/<ns>/<name>/rule/<i>/match/<j>}
     * @param route {@code httproute/<ns>/<name>}
     * @param rule {@code httproute/<ns>/<name>/rule/<i>}
     * @param ruleName the rule's GEP-995 name, {@code ""} when it has none
     * @param mismatch the condition that failed; null for the match that applied
     * @param reason {@code mismatch} in one line for people ({@link MatchMismatch#describe()}); null when it applied
     */
    public record MatchCandidate(String match, String route, String rule, String ruleName, MatchMismatch mismatch,
            String reason) {
        public MatchCandidate {
            requireNonNull(match, "match");
            requireNonNull(route, "route");
            requireNonNull(rule, "rule");
            requireNonNull(ruleName, "ruleName");
        }

        MatchCandidate(String match, String route, String rule, String ruleName, MatchMismatch mismatch) {
            this(match, route, rule, ruleName, mismatch, mismatch == null ? null : mismatch.describe());
        }

        public boolean matched() {
            return mismatch == null;
        }
    }

    /**
     * The rule the data plane answers with, from the very lookup requests go through.
     *
     * @param matched whether a route matched; false for the 404 answer ({@code rule} is {@code none})
     * @param listener the chosen listener's name, {@code ""} when none was chosen
     * @param route {@code httproute/<ns>/<name>}, {@code ""} when no route matched
     * @param rule the rule's IR name ({@code none} when nothing matched)
     * @param ruleName the rule's GEP-995 name, {@code ""} when it has none
     * @param directResponseStatus non-zero when the rule answers this status itself (404 when nothing matched, 500
     *     for an invalid rule)
     * @param backends the backends the rule may pick, with their endpoints' health
     */
    public record Result(boolean matched, String listener, String route, String rule, String ruleName,
            int directResponseStatus, List<BackendState> backends) {
        public Result {
            requireNonNull(listener, "listener");
            requireNonNull(route, "route");
            requireNonNull(rule, "rule");
            requireNonNull(ruleName, "ruleName");
            backends = List.copyOf(requireNonNull(backends, "backends"));
        }
    }
}
