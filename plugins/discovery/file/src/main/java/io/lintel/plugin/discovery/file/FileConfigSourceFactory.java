package io.lintel.plugin.discovery.file;

import io.lintel.plugin.discovery.manifests.ManifestParser;
import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ConfigSourceFactory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Creates {@link FileConfigSource}s (type {@code file}).
 *
 * <p>Settings: {@code directory} (required) the directory to read and watch; {@code rescanIntervalMillis}
 * (optional, default {@value #DEFAULT_RESCAN_MILLIS}) how often to rescan when no watch event arrives (a fallback for
 * file systems whose events are unreliable: a rescan examines every file); {@code settleMillis} (optional, default
 * {@value #DEFAULT_SETTLE_MILLIS}) the quiet time that ends a burst of renames, creations and deletions, which are then
 * applied as one change.
 *
 * <p>Limits of one file (docs/hardening.md): {@code maxFileBytes} (default 8 MiB; a number of bytes, or with a
 * {@code KiB}/{@code MiB}/{@code GiB} suffix), {@code maxDocuments} (10 000), {@code maxNestingDepth} (64),
 * {@code maxScalarBytes} (1 MiB), {@code maxAliases} (100). A file past one is reported and its previous content
 * kept.
 */
public final class FileConfigSourceFactory implements ConfigSourceFactory {

    public static final String TYPE = "file";
    public static final String DIRECTORY = "directory";
    public static final String RESCAN_INTERVAL_MILLIS = "rescanIntervalMillis";
    public static final String SETTLE_MILLIS = "settleMillis";
    static final long DEFAULT_RESCAN_MILLIS = 2000;
    static final long DEFAULT_SETTLE_MILLIS = 10;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigSource create(Map<String, String> settings, PluginContext context) {
        String value = settings.get(DIRECTORY);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "file config source: setting '" + DIRECTORY + "' is missing (expected: the directory of the manifests)");
        }
        Path directory;
        try {
            directory = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("file config source: setting '" + DIRECTORY + "': " + value
                    + " is not a valid path (expected: a directory): " + e.getMessage(), e);
        }
        // A cheap check, not I/O proper: a typo in the path is better reported at start-up than as an empty config.
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("file config source: setting '" + DIRECTORY + "': " + directory
                    + " is not a directory (expected: an existing directory of YAML/JSON manifests)");
        }
        return new FileConfigSource(directory,
                Duration.ofMillis(positiveMillis(settings, RESCAN_INTERVAL_MILLIS, DEFAULT_RESCAN_MILLIS)),
                Duration.ofMillis(positiveMillis(settings, SETTLE_MILLIS, DEFAULT_SETTLE_MILLIS)),
                limits(settings));
    }

    static FileLimits limits(Map<String, String> settings) {
        ManifestParser.Limits defaults = ManifestParser.Limits.DEFAULTS;
        return new FileLimits(
                size(settings, FileLimits.MAX_FILE_BYTES, FileLimits.DEFAULT_MAX_FILE_BYTES, Long.MAX_VALUE),
                new ManifestParser.Limits(
                        (int) count(settings, ManifestParser.Limits.MAX_DOCUMENTS, defaults.maxDocuments(), 1),
                        (int) count(settings, ManifestParser.Limits.MAX_NESTING_DEPTH, defaults.maxNestingDepth(), 1),
                        (int) size(settings, ManifestParser.Limits.MAX_SCALAR_BYTES, defaults.maxScalarBytes(),
                                Integer.MAX_VALUE),
                        (int) count(settings, ManifestParser.Limits.MAX_ALIASES, defaults.maxAliases(), 0)));
    }

    private static long count(Map<String, String> settings, String key, long defaultValue, long least) {
        String value = settings.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long count = Long.parseLong(value.strip());
            if (count >= least && count <= Integer.MAX_VALUE) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("file config source: setting '" + key + "': " + value + " (expected: a"
                + " whole number from " + least + " to " + Integer.MAX_VALUE + ")");
    }

    private static long size(Map<String, String> settings, String key, long defaultValue, long most) {
        String value = settings.get(key);
        if (value == null) {
            return defaultValue;
        }
        String text = value.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        for (String[] suffix : new String[][] {{"gib", "1073741824"}, {"mib", "1048576"}, {"kib", "1024"}}) {
            if (text.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                text = text.substring(0, text.length() - suffix[0].length());
                break;
            }
        }
        try {
            long size = Math.multiplyExact(Long.parseLong(text), unit);
            if (size > 0 && size <= most) {
                return size;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException("file config source: setting '" + key + "': " + value + " (expected: a"
                + " positive size in bytes, or with a KiB, MiB or GiB suffix, such as 8MiB)");
    }

    private static long positiveMillis(Map<String, String> settings, String key, long defaultMillis) {
        String value = settings.get(key);
        if (value == null) {
            return defaultMillis;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis > 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("file config source: setting '" + key + "': " + value
                + " (expected: a positive number of milliseconds)");
    }
}
