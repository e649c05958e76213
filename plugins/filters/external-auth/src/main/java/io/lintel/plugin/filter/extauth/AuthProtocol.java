package io.lintel.plugin.filter.extauth;

import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;

/** How a check is asked and its answer read: GEP-1494's {@code HTTP} or {@code GRPC} protocol. */
interface AuthProtocol {

    /**
     * The check for {@code client}.
     *
     * @param context the exchange's context, or null where the chain has none (a test's)
     * @param body the client's body to send (empty for none)
     */
    CalloutRequest request(ExternalAuthSpec spec, HttpRequestHead client, HttpRequestContext context, byte[] body);

    /**
     * The service's decision.
     *
     * @throws IllegalArgumentException when the answer is not one the protocol allows (the request is then refused)
     */
    AuthVerdict verdict(ExternalAuthSpec spec, CalloutResponse answer);
}
