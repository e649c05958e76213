package io.lintel.core.inject;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How one Lintel process is set up, from the command line.
 *
 * @param sourceType the config source type ({@code file})
 * @param sourceSettings the source's settings (e.g. {@code directory})
 * @param adminAddress where the admin server listens
 * @param defaultBindAddress the address Gateways without {@code spec.addresses} bind
 * @param controllerName the GatewayClass controller name Lintel answers to
 * @param pluginsDirectory where plugin directories are; empty loads plugins from the class path (tests, IDE)
 * @param eventLoopThreads data-plane event loop threads; 0 means one per available processor
 */
public record LintelSettings(
        String sourceType,
        Map<String, String> sourceSettings,
        InetSocketAddress adminAddress,
        String defaultBindAddress,
        String controllerName,
        Optional<Path> pluginsDirectory,
        int eventLoopThreads) {

    public LintelSettings {
        requireNonNull(sourceType, "sourceType");
        sourceSettings = Map.copyOf(requireNonNull(sourceSettings, "sourceSettings"));
        requireNonNull(adminAddress, "adminAddress");
        requireNonNull(defaultBindAddress, "defaultBindAddress");
        requireNonNull(controllerName, "controllerName");
        requireNonNull(pluginsDirectory, "pluginsDirectory");
        if (eventLoopThreads < 0) {
            throw new IllegalArgumentException("eventLoopThreads: " + eventLoopThreads + " (expected: >= 0)");
        }
    }
}
