package io.lintel.core.server;

import io.netty.util.ByteProcessor;

/**
 * Follows the raw bytes of one HTTP/1.1 request head, across reads, to find where it ends (the empty line) and
 * whether it folds a header line (obs-fold: a line that starts with a space or tab, RFC 9112 section 5.2). Netty's
 * decoder unfolds such lines into one value; a gateway that forwards what it read in a way the next hop folds back
 * differently invites request smuggling, so Lintel refuses them with 400 instead (the RFC's other choice).
 *
 * <p>Empty lines before the request line are skipped, as the decoder skips them. A {@link ByteProcessor} so that
 * scanning is one pass over the buffer without copying. Not thread-safe; one per connection.
 */
final class HeadScanner implements ByteProcessor {

    /** Bytes seen in the current line, not counting CR. */
    private int lineLength;
    /** Complete lines of this head so far (the request line is the first). */
    private int lines;
    private boolean folded;

    /** Starts over for a new head. */
    void reset() {
        lineLength = 0;
        lines = 0;
        folded = false;
    }

    /** Whether a line of the head scanned so far started with whitespace (after the request line). */
    boolean folded() {
        return folded;
    }

    /** Continues the scan; false (stop) at the LF that ends the head. */
    @Override
    public boolean process(byte value) {
        if (value == '\n') {
            if (lineLength == 0) {
                // an empty line: the end of the head, or one of the empty lines allowed before the request line
                return lines == 0;
            }
            lines++;
            lineLength = 0;
            return true;
        }
        if (value == '\r') {
            return true;
        }
        if (lineLength == 0 && lines > 0 && (value == ' ' || value == '\t')) {
            folded = true;
        }
        lineLength++;
        return true;
    }
}
