package io.lintel.spi.gateway;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One {@code spec.tls.frontend.perPort[]} entry as written.
 *
 * @param port the listener port it applies to
 * @param validation its {@code tls.validation}; empty when not set
 */
public record FrontendPortSpec(int port, Optional<FrontendValidationSpec> validation) {

    public FrontendPortSpec {
        requireNonNull(validation, "validation");
    }
}
