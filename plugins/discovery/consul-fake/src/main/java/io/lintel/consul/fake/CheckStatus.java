package io.lintel.consul.fake;

import java.util.Locale;

/** The states of a Consul health check; only {@code passing} counts for {@code ?passing}. */
public enum CheckStatus {
    PASSING,
    WARNING,
    CRITICAL;

    /** The name in Consul's JSON, e.g. {@code "critical"}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
