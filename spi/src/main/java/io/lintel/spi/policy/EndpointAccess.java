package io.lintel.spi.policy;

import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import java.util.concurrent.CompletionStage;

/**
 * What core lets a service policy do with endpoints: send them requests of its own, and report their health to
 * the endpoint selection of every backend. Thread-safe; no method blocks.
 */
public interface EndpointAccess {

    /**
     * Sends {@code request} to {@code endpoint} in clear-text HTTP/1.1 on a connection of one of the data plane's event
     * loops (core picks them in turn), and completes on that loop with the whole response, or exceptionally (refused,
     * closed, a {@link java.util.concurrent.TimeoutException} after the request's timeout, a body beyond its bound).
     * Keep the completion cheap: it runs on an event loop.
     */
    CompletionStage<CalloutResponse> call(PolicyEndpoint endpoint, CalloutRequest request);

    /**
     * Reports whether {@code endpoint} should receive traffic: an unhealthy endpoint is picked by no backend (within
     * the share of a backend's endpoints passive health may leave out), until reported healthy or forgotten.
     */
    void report(PolicyEndpoint endpoint, boolean healthy);

    /** Forgets what was reported of {@code endpoint}: it receives traffic again, unless passive health ejects it. */
    void forget(PolicyEndpoint endpoint);
}
