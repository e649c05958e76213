package io.lintel.plugin.filter.cors;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterSpec;
import java.util.List;

/**
 * A validated {@code cors} filter configuration (GEP-1767 {@code HTTPCORSFilter}).
 *
 * @param allowOrigins the origins whose cross-origin requests are allowed; a single {@code *} pattern allows all
 * @param allowCredentials whether {@code Access-Control-Allow-Credentials: true} is sent, which also rules out the
 *     {@code *} wildcard in the answers (the request's values are echoed instead)
 * @param allowMethods the methods for {@code Access-Control-Allow-Methods}, or just {@code *}
 * @param allowHeaders the request header names for {@code Access-Control-Allow-Headers}, or just {@code *}
 * @param exposeHeaders the response header names for {@code Access-Control-Expose-Headers}
 * @param maxAgeSeconds the value of {@code Access-Control-Max-Age} on preflight answers, at least 1
 */
public record CorsSpec(List<OriginPattern> allowOrigins, boolean allowCredentials, List<String> allowMethods,
        List<String> allowHeaders, List<String> exposeHeaders, int maxAgeSeconds) implements FilterSpec {

    /** The wildcard {@code allowOrigins}, {@code allowMethods} and {@code allowHeaders} may hold alone. */
    public static final String WILDCARD = "*";

    public CorsSpec {
        allowOrigins = List.copyOf(requireNonNull(allowOrigins, "allowOrigins"));
        allowMethods = List.copyOf(requireNonNull(allowMethods, "allowMethods"));
        allowHeaders = List.copyOf(requireNonNull(allowHeaders, "allowHeaders"));
        exposeHeaders = List.copyOf(requireNonNull(exposeHeaders, "exposeHeaders"));
    }

    /** Whether {@code allowOrigins} is the single pattern {@code *}. */
    public boolean anyOrigin() {
        return allowOrigins.size() == 1 && allowOrigins.get(0).any();
    }

    /** Whether the value of a request's {@code Origin} header matches one of {@code allowOrigins}. */
    public boolean allows(String origin) {
        for (OriginPattern pattern : allowOrigins) {
            if (pattern.matches(origin)) {
                return true;
            }
        }
        return false;
    }
}
