package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How an exchange ended, told to {@link HttpRequestContext#onComplete} listeners.
 *
 * @param status the status sent to the client (the HTTP status a gRPC error stands for); 0 when none was sent
 * @param requestBodyBytes body bytes received from the client
 * @param responseBodyBytes body bytes sent to the client
 * @param duration from the arrival of the request head to the end
 * @param failed true when the client did not get a complete response: the client went away, the backend failed
 *     or reset after the response had started, or the stream was reset
 */
public record ExchangeOutcome(int status, long requestBodyBytes, long responseBodyBytes, Duration duration,
        boolean failed) {

    public ExchangeOutcome {
        requireNonNull(duration, "duration");
    }
}
