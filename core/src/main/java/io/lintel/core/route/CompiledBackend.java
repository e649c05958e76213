package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpFilter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A backend of a compiled rule: its ready endpoints, its own filters, and the status to answer when its reference
 * is invalid.
 */
public final class CompiledBackend {

    private final String name;
    private final int weight;
    private final int errorStatus;
    private final BackendEndpoint[] endpoints;
    private final List<HttpFilter> filters;

    public CompiledBackend(String name, int weight, int errorStatus, List<BackendEndpoint> endpoints,
            List<HttpFilter> filters) {
        this.name = requireNonNull(name, "name");
        this.weight = weight;
        this.errorStatus = errorStatus;
        this.endpoints = endpoints.toArray(new BackendEndpoint[0]);
        this.filters = List.copyOf(requireNonNull(filters, "filters"));
    }

    public String name() {
        return name;
    }

    public int weight() {
        return weight;
    }

    /** Non-zero when requests that pick this backend must be answered with this status. */
    public int errorStatus() {
        return errorStatus;
    }

    public List<HttpFilter> filters() {
        return filters;
    }

    /** A uniformly random endpoint, or null when there is none (the caller answers 503). */
    public BackendEndpoint pickEndpoint() {
        BackendEndpoint[] all = endpoints;
        return switch (all.length) {
            case 0 -> null;
            case 1 -> all[0];
            default -> all[ThreadLocalRandom.current().nextInt(all.length)];
        };
    }

    public int endpointCount() {
        return endpoints.length;
    }
}
