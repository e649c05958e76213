package io.lintel.spi.backend;

import io.lintel.spi.Unstable;

/**
 * The limits the gateway is configured with for decoding what a backend sends, so that a protocol plugin's codecs
 * accept exactly what core's own HTTP/1.1 codec accepts (and fail the same responses). Core answers a response that
 * breaks one of them with {@code 502}: a plugin's decoder reports it as a failed {@code DecoderResult} or by closing
 * the connection.
 *
 * <p>Every value is in bytes and positive. Core makes these; a plugin only reads them. New limits are added as
 * components with a default in the older constructor, so reading the existing ones stays compatible.
 *
 * @param maxInitialLineLength longest status line accepted from a backend
 * @param maxHeaderSize largest response header block (or HTTP/2 header list) accepted from a backend
 * @param maxChunkSize largest body piece decoded at once (longer pieces are split, not refused)
 * @param maxContentLength the largest body a plugin may aggregate into one message, if it aggregates at all (core
 *     streams bodies; this is its bound on a body it reads whole for filters)
 */
@Unstable
public record CodecLimits(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize, int maxContentLength) {

    public CodecLimits {
        positive("maxInitialLineLength", maxInitialLineLength);
        positive("maxHeaderSize", maxHeaderSize);
        positive("maxChunkSize", maxChunkSize);
        positive("maxContentLength", maxContentLength);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
