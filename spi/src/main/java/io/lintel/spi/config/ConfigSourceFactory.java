package io.lintel.spi.config;

import io.lintel.spi.PluginContext;
import java.util.Map;

/**
 * Creates {@link ConfigSource}s of one type ({@code file}, {@code kubernetes}, {@code consul}).
 *
 * <p>Thread-safe; {@link #create} validates settings and must not do I/O (that belongs in
 * {@link ConfigSource#start}).
 */
public interface ConfigSourceFactory {

    /** The type users select, e.g. {@code "file"}. */
    String type();

    /**
     * @param settings the source's settings, e.g. {@code directory} for the file source
     * @throws IllegalArgumentException naming the setting when one is missing or invalid
     */
    ConfigSource create(Map<String, String> settings, PluginContext context);
}
