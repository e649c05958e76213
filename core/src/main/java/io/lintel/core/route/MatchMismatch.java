package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

/**
 * Why a route match did not apply to a request: the first of its conditions the request failed.
 *
 * @param field {@code method}, {@code path}, {@code header} or {@code query}
 * @param name the header or query parameter name; the field itself for {@code method} and {@code path}
 * @param required the condition, e.g. {@code PathPrefix /api} or {@code Exact canary}
 * @param actual what the request has; null when it lacks the header or query parameter
 */
public record MatchMismatch(String field, String name, String required, String actual) {

    public MatchMismatch {
        requireNonNull(field, "field");
        requireNonNull(name, "name");
        requireNonNull(required, "required");
    }

    /** One line for people, e.g. {@code header x-env: requires Exact canary, request has prod}. */
    public String describe() {
        String subject = field.equals(name) ? field : field + " " + name;
        return subject + ": requires " + required + ", request has " + (actual == null ? "none" : actual);
    }
}
