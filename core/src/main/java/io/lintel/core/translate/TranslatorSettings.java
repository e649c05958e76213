package io.lintel.core.translate;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Settings of the translator.
 *
 * @param controllerName GatewayClasses whose {@code spec.controllerName} equals this are ours
 * @param defaultBindAddress the address a Gateway without {@code spec.addresses} binds
 * @param assignableAddress the address given to a Gateway's {@code spec.addresses} entry of type {@code IPAddress}
 *     without a value (GatewayAddressEmpty); empty: such an entry is not assigned ({@code Programmed=False},
 *     {@code AddressNotAssigned})
 */
public record TranslatorSettings(String controllerName, String defaultBindAddress, Optional<String> assignableAddress) {

    public static final String DEFAULT_CONTROLLER_NAME = "lintel.io/gateway-controller";

    public TranslatorSettings {
        requireNonNull(controllerName, "controllerName");
        requireNonNull(defaultBindAddress, "defaultBindAddress");
        requireNonNull(assignableAddress, "assignableAddress");
    }

    /**
     * Settings that assign the default bind address to an empty {@code IPAddress} value when it is one address, and
     * nothing when it is a wildcard (a wildcard is no address a client can be given; see {@link AssignableAddress}).
     */
    public TranslatorSettings(String controllerName, String defaultBindAddress) {
        this(controllerName, defaultBindAddress, AssignableAddress.unlessWildcard(defaultBindAddress));
    }
}
