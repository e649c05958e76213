package io.lintel.core.translate;

import static java.util.Objects.requireNonNull;

/**
 * Settings of the translator.
 *
 * @param controllerName GatewayClasses whose {@code spec.controllerName} equals this are ours
 * @param defaultBindAddress the address a Gateway without {@code spec.addresses} binds
 */
public record TranslatorSettings(String controllerName, String defaultBindAddress) {

    public static final String DEFAULT_CONTROLLER_NAME = "lintel.io/gateway-controller";

    public TranslatorSettings {
        requireNonNull(controllerName, "controllerName");
        requireNonNull(defaultBindAddress, "defaultBindAddress");
    }
}
