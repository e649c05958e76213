package io.lintel.core.server;

import io.netty.handler.codec.http2.Http2FrameCodecBuilder;

/**
 * The bounds on what one HTTP/2 client connection may make the gateway do without a request to show for it
 * (docs/hardening.md). Past one, Netty's codec answers GOAWAY {@code ENHANCE_YOUR_CALM} and closes the connection.
 * Each has a production default and a system property ({@code LINTEL_OPTS=-Dlintel.http2....=N}); {@code 0} turns a
 * bound off.
 *
 * @param maxResetsPerWindow RST_STREAM frames a client may send (and may make the gateway send) per window: a reset
 *     stream no longer counts against the concurrent streams limit, so without this bound a client opens and resets
 *     streams as fast as it can write (CVE-2023-44487, rapid reset); default 200, property
 *     {@value #MAX_RESETS_PER_WINDOW_PROPERTY}
 * @param resetWindowSeconds the window of {@link #maxResetsPerWindow}; default 30, property
 *     {@value #RESET_WINDOW_SECONDS_PROPERTY}
 * @param maxQueuedControlFrames SETTINGS and PING acknowledgements and RST_STREAM frames queued for a client that
 *     does not read them (CVE-2019-9512, -9515: a flood that grows the heap); default 10 000, property
 *     {@value #MAX_QUEUED_CONTROL_FRAMES_PROPERTY}
 * @param maxConsecutiveEmptyDataFrames DATA frames without payload nor END_STREAM in a row (CVE-2019-9518: no valid
 *     client sends them); default 2, property {@value #MAX_CONSECUTIVE_EMPTY_DATA_FRAMES_PROPERTY}
 * @param maxControlFramesWithoutRequests SETTINGS and PING frames a client may send within
 *     {@link #controlFrameWindowSeconds} with no HEADERS or DATA frame (either way) in between
 *     ({@link Http2ControlFrameFloodGuard}); default 100, property
 *     {@value #MAX_CONTROL_FRAMES_WITHOUT_REQUESTS_PROPERTY}
 * @param controlFrameWindowSeconds the window of {@link #maxControlFramesWithoutRequests}; default 10, property
 *     {@value #CONTROL_FRAME_WINDOW_SECONDS_PROPERTY}
 */
public record Http2FloodLimits(
        int maxResetsPerWindow,
        int resetWindowSeconds,
        int maxQueuedControlFrames,
        int maxConsecutiveEmptyDataFrames,
        int maxControlFramesWithoutRequests,
        int controlFrameWindowSeconds) {

    public static final String MAX_RESETS_PER_WINDOW_PROPERTY = "lintel.http2.maxResetsPerWindow";
    public static final String RESET_WINDOW_SECONDS_PROPERTY = "lintel.http2.resetWindowSeconds";
    public static final String MAX_QUEUED_CONTROL_FRAMES_PROPERTY = "lintel.http2.maxQueuedControlFrames";
    public static final String MAX_CONSECUTIVE_EMPTY_DATA_FRAMES_PROPERTY = "lintel.http2.maxConsecutiveEmptyDataFrames";
    public static final String MAX_CONTROL_FRAMES_WITHOUT_REQUESTS_PROPERTY =
            "lintel.http2.maxControlFramesWithoutRequests";
    public static final String CONTROL_FRAME_WINDOW_SECONDS_PROPERTY = "lintel.http2.controlFrameWindowSeconds";

    /**
     * Netty's own defaults for a server for the bounds Netty enforces, stated here so that they are Lintel's whatever
     * Netty's become, and Lintel's own for control frames without requests.
     */
    public static final Http2FloodLimits DEFAULTS = new Http2FloodLimits(
            CountProperty.read(MAX_RESETS_PER_WINDOW_PROPERTY, 200),
            CountProperty.read(RESET_WINDOW_SECONDS_PROPERTY, 30),
            CountProperty.read(MAX_QUEUED_CONTROL_FRAMES_PROPERTY, 10_000),
            CountProperty.read(MAX_CONSECUTIVE_EMPTY_DATA_FRAMES_PROPERTY, 2),
            CountProperty.read(MAX_CONTROL_FRAMES_WITHOUT_REQUESTS_PROPERTY, 100),
            CountProperty.read(CONTROL_FRAME_WINDOW_SECONDS_PROPERTY, 10));

    public Http2FloodLimits {
        notNegative("maxResetsPerWindow", maxResetsPerWindow);
        notNegative("resetWindowSeconds", resetWindowSeconds);
        notNegative("maxQueuedControlFrames", maxQueuedControlFrames);
        notNegative("maxConsecutiveEmptyDataFrames", maxConsecutiveEmptyDataFrames);
        notNegative("maxControlFramesWithoutRequests", maxControlFramesWithoutRequests);
        notNegative("controlFrameWindowSeconds", controlFrameWindowSeconds);
    }

    /** Sets these bounds on a server codec; a zero turns Netty's check off, as Netty's own zero does. */
    Http2FrameCodecBuilder applyTo(Http2FrameCodecBuilder builder) {
        return builder
                .decoderEnforceMaxRstFramesPerWindow(maxResetsPerWindow, resetWindowSeconds)
                .encoderEnforceMaxRstFramesPerWindow(maxResetsPerWindow, resetWindowSeconds)
                .encoderEnforceMaxQueuedControlFrames(maxQueuedControlFrames)
                .decoderEnforceMaxConsecutiveEmptyDataFrames(maxConsecutiveEmptyDataFrames);
    }

    private static void notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
    }
}
