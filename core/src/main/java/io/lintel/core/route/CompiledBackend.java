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
    private final EndpointHealth health;

    public CompiledBackend(String name, int weight, int errorStatus, List<BackendEndpoint> endpoints,
            List<HttpFilter> filters) {
        this(name, weight, errorStatus, endpoints, filters, EndpointHealth.OFF);
    }

    /** @param health the endpoints' passive health: ejected ones are not picked */
    public CompiledBackend(String name, int weight, int errorStatus, List<BackendEndpoint> endpoints,
            List<HttpFilter> filters, EndpointHealth health) {
        this.name = requireNonNull(name, "name");
        this.weight = weight;
        this.errorStatus = errorStatus;
        this.endpoints = endpoints.toArray(new BackendEndpoint[0]);
        this.filters = List.copyOf(requireNonNull(filters, "filters"));
        this.health = requireNonNull(health, "health");
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

    /**
     * A uniformly random endpoint that is not ejected ({@link EndpointHealth}), or null when there is none (the
     * caller answers 503). When more of the backend's endpoints are ejected than its health allows, ejections are
     * ignored and any endpoint may be picked.
     */
    public BackendEndpoint pickEndpoint() {
        BackendEndpoint[] all = endpoints;
        int count = all.length;
        if (count <= 1) {
            return count == 0 ? null : all[0];
        }
        int start = ThreadLocalRandom.current().nextInt(count);
        BackendEndpoint first = all[start];
        if (!health.isEjected(first)) {
            return first;
        }
        // the first pick is ejected: the next endpoint that is not, unless too many are out
        int ejected = 1;
        BackendEndpoint healthy = null;
        for (int i = 1; i < count; i++) {
            BackendEndpoint candidate = all[(start + i) % count];
            if (health.isEjected(candidate)) {
                ejected++;
            } else if (healthy == null) {
                healthy = candidate;
            }
        }
        return healthy == null || ejected > health.maxEjected(count) ? first : healthy;
    }

    /**
     * The endpoint {@code address:port} of this backend when it still has it and passive health has not ejected it,
     * else null (session persistence then starts a new session).
     */
    public BackendEndpoint liveEndpoint(String address, int port) {
        for (BackendEndpoint candidate : endpoints) {
            if (candidate.port() == port && candidate.address().equals(address)) {
                return health.isEjected(candidate) ? null : candidate;
            }
        }
        return null;
    }

    /**
     * An endpoint for a request of the filters' own (a mirror copy, a callout): {@link #pickEndpoint()}, or null when
     * there is none or the backend's reference is invalid ({@link #errorStatus()}).
     */
    public BackendEndpoint pickServingEndpoint() {
        return errorStatus == 0 ? pickEndpoint() : null;
    }

    /** A request sent to {@code endpoint} of this backend got an answer that is not 5xx. */
    public void succeeded(BackendEndpoint endpoint) {
        health.succeeded(endpoint);
    }

    /** A request sent to {@code endpoint} of this backend failed (refused, closed, 5xx). */
    public void failed(BackendEndpoint endpoint) {
        health.failed(endpoint);
    }

    /** The endpoints, ejected ones included, for the admin server. */
    public List<BackendEndpoint> endpoints() {
        return List.of(endpoints);
    }

    /** Whether passive health has ejected {@code endpoint} now (the admin server shows it). */
    public boolean isEjected(BackendEndpoint endpoint) {
        return health.isEjected(endpoint);
    }

    public int endpointCount() {
        return endpoints.length;
    }
}
