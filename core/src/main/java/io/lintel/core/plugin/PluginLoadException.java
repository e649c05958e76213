package io.lintel.core.plugin;

/** Plugins could not be loaded (a directory without a plugin, two plugins claiming one key...); start-up stops. */
public final class PluginLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
