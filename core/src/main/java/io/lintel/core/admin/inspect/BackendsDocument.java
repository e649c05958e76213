package io.lintel.core.admin.inspect;

import io.lintel.core.route.BackendState;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.TableBackends;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /backends}: every backend the served route table sends to, with each endpoint's passive health now.
 *
 * @param backends by name ({@code <namespace>/<service>:<port>})
 */
record BackendsDocument(List<Backend> backends) {

    private static final Set<String> PARAMETERS = Set.of("namespace", "name");

    /**
     * @param healthy endpoints not ejected by passive health
     * @param total endpoints the config source published as ready
     * @param rules the rules (and TCP/UDP routes) that send to it
     */
    record Backend(String name, String namespace, String service, int healthy, int total, int errorStatus,
            List<BackendState.Endpoint> endpoints, List<String> rules) {}

    /**
     * Which backends to list: by namespace and by Service name, each empty for any; combined with AND.
     */
    record Filter(List<String> namespaces, List<String> names) {

        /**
         * @param parameters {@code namespace} and {@code name} (the Service), each repeatable
         * @throws IllegalArgumentException naming an unknown parameter
         */
        static Filter of(Map<String, List<String>> parameters) {
            Set<String> unknown = new TreeSet<>(parameters.keySet());
            unknown.removeAll(PARAMETERS);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("GET /backends: unknown query parameter(s) " + unknown
                        + " (expected: namespace, name)");
            }
            return new Filter(List.copyOf(parameters.getOrDefault("namespace", List.of())),
                    List.copyOf(parameters.getOrDefault("name", List.of())));
        }

        boolean matches(Backend backend) {
            return (namespaces.isEmpty() || namespaces.contains(backend.namespace()))
                    && (names.isEmpty() || names.contains(backend.service()));
        }
    }

    static BackendsDocument of(CompiledRouteTable table, Filter filter) {
        return new BackendsDocument(TableBackends.of(table).stream()
                .map(BackendsDocument::backend)
                .filter(filter::matches)
                .toList());
    }

    private static Backend backend(TableBackends.Use use) {
        BackendState state = use.backend();
        String name = state.name();
        int slash = name.indexOf('/');
        int colon = name.lastIndexOf(':');
        String namespace = slash < 0 ? "" : name.substring(0, slash);
        String service = name.substring(slash + 1, colon > slash ? colon : name.length());
        return new Backend(name, namespace, service, state.healthy(), state.endpoints().size(), state.errorStatus(),
                state.endpoints(), use.rules());
    }
}
