package io.lintel.plugin.filter.example.headeraccess;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterSpec;
import java.util.List;

/**
 * A validated {@code HeaderAccessRule}: requests pass only when header {@code header} has one of {@code allowedValues}.
 *
 * @param header the header to check (case-insensitive name)
 * @param allowedValues the values that let a request through (compared exactly), without repetition, in the order
 *     written (a list, not a set, so that the spec and {@code /config} read the same on every run)
 * @param deniedStatus the status answered to other requests
 * @param deniedMessage the plain-text body of that answer
 * @param removeHeader whether the header is removed before the request goes on (keeps a secret from the backend)
 */
public record HeaderAccessSpec(String header, List<String> allowedValues, int deniedStatus, String deniedMessage,
        boolean removeHeader) implements FilterSpec {

    public HeaderAccessSpec {
        requireNonNull(header, "header");
        allowedValues = List.copyOf(requireNonNull(allowedValues, "allowedValues"));
        requireNonNull(deniedMessage, "deniedMessage");
    }
}
