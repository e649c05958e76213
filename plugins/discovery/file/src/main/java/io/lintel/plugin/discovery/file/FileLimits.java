package io.lintel.plugin.discovery.file;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.discovery.manifests.ManifestParser;

/**
 * What one file of the directory may be: its size, checked before it is read (and while: a file growing meanwhile is
 * not read past it), and what its text may hold ({@link ManifestParser.Limits}). Each is a file source setting.
 *
 * @param maxFileBytes the size of a file ({@value #MAX_FILE_BYTES}, default 8 MiB)
 * @param parser documents, nesting depth, scalar size and aliases per file
 */
record FileLimits(long maxFileBytes, ManifestParser.Limits parser) {

    static final String MAX_FILE_BYTES = "maxFileBytes";
    static final long DEFAULT_MAX_FILE_BYTES = 8L << 20;
    static final FileLimits DEFAULTS = new FileLimits(DEFAULT_MAX_FILE_BYTES, ManifestParser.Limits.DEFAULTS);

    FileLimits {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException(MAX_FILE_BYTES + ": " + maxFileBytes + " (expected: a positive size)");
        }
        requireNonNull(parser, "parser");
    }
}
