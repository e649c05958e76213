package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

/**
 * A typed key for a per-request attribute ({@link HttpRequestContext#attribute}): filters of one request share
 * values through it (e.g. an authentication filter leaves the principal for a later one). Keys compare by identity,
 * so two plugins that pick the same name never see each other's values; keep one key in a {@code static final}.
 *
 * @param <T> the type of the value
 */
public final class RequestAttribute<T> {

    private final String name;
    private final Class<T> type;

    private RequestAttribute(String name, Class<T> type) {
        this.name = requireNonNull(name, "name");
        this.type = requireNonNull(type, "type");
    }

    /** A new key; {@code name} is for logs and debugging only. */
    public static <T> RequestAttribute<T> of(String name, Class<T> type) {
        return new RequestAttribute<>(name, type);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return name + "<" + type.getSimpleName() + ">";
    }
}
