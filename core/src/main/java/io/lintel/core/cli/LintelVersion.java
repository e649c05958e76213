package io.lintel.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven stamped into the core jar. */
public final class LintelVersion {

    private static final String VERSION = load();

    public static String current() {
        return VERSION;
    }

    private LintelVersion() {}

    /** What {@code lintel version} and {@code --version} print: Lintel's version, then Java's. */
    static void print(java.io.PrintWriter out) {
        out.println("lintel " + VERSION);
        out.println("java " + System.getProperty("java.version"));
    }

    private static String load() {
        try (InputStream in = LintelVersion.class.getResourceAsStream("/io/lintel/core/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version resource", e);
        }
    }
}
