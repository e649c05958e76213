package io.lintel.plugin.discovery.manifests;

import java.util.Locale;

/** Byte counts for messages: {@code 8 MiB}, {@code 52.3 MiB}, {@code 1.5 KiB}, {@code 17 bytes}. */
public final class Sizes {

    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    public static String of(long bytes) {
        if (bytes >= GIB) {
            return unit(bytes, GIB, "GiB");
        }
        if (bytes >= MIB) {
            return unit(bytes, MIB, "MiB");
        }
        if (bytes >= KIB) {
            return unit(bytes, KIB, "KiB");
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    private static String unit(long bytes, long unit, String name) {
        return bytes % unit == 0 ? bytes / unit + " " + name
                : String.format(Locale.ROOT, "%.1f %s", (double) bytes / unit, name);
    }

    private Sizes() {}
}
