package io.lintel.logging;

import java.util.zip.CRC32;

/**
 * Recognises the {@code conf/logback.xml} Lintel ships (distribution/src/conf/logback.xml) by its length and CRC-32:
 * a file with this content is set up by {@link ShippedLogging} without reading it as XML. A test holds these values
 * and {@link ShippedLogging} to that file, so an edit to it that is not carried over here fails the build.
 */
final class ShippedLogbackXml {

    static final int LENGTH = 2740;
    static final long CRC32 = 0xa1919055L;
    /** The file's {@code scanPeriod}: edits to it apply within this time. */
    static final long SCAN_PERIOD_SECONDS = 30;

    private ShippedLogbackXml() {}

    /** Whether {@code content} is the shipped file, byte for byte (as far as a length and a CRC-32 can tell). */
    static boolean is(byte[] content) {
        return content.length == LENGTH && crc32(content) == CRC32;
    }

    static long crc32(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }
}
