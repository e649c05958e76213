package io.lintel.plugin.filter.cors;

import io.lintel.plugin.filter.support.ConfigReader;
import io.lintel.plugin.filter.support.HttpSyntax;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Translates the {@code cors} object of a {@code CORS} filter into a {@link CorsSpec} and a spec into a
 * {@link CorsFilter}.
 *
 * <p>Rules (the {@code HTTPCORSFilter} CRD validation of GEP-1767): {@code allowOrigins} holds at most 64 distinct
 * origins (see {@link OriginPattern}), {@code *} only alone; {@code allowMethods} at most 9 distinct RFC 9110 methods
 * or {@code *} alone; {@code allowHeaders} and {@code exposeHeaders} at most 64 distinct header names each (names
 * compare case-insensitively); {@code allowCredentials} is a boolean (default false); {@code maxAge} is at least 1
 * (default 5 seconds).
 */
public final class CorsFilterFactory implements HttpFilterFactory {

    static final FilterKey KEY = FilterKey.filterType("CORS");

    private static final Set<String> FIELDS = Set.of("allowOrigins", "allowCredentials", "allowMethods",
            "allowHeaders", "exposeHeaders", "maxAge");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");
    private static final int MAX_ORIGINS = 64;
    private static final int MAX_METHODS = 9;
    private static final int MAX_HEADERS = 64;
    private static final int MAX_HEADER_NAME_LENGTH = 256;
    private static final int DEFAULT_MAX_AGE_SECONDS = 5;

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRouteCORS);
    }

    @Override
    public CorsSpec translate(FilterConfig config) throws FilterConfigException {
        ConfigReader cors = ConfigReader.of(config).requireOnly(FIELDS);

        List<OriginPattern> origins = new ArrayList<>();
        List<String> originTexts = distinct(cors, "allowOrigins", MAX_ORIGINS, s -> s);
        for (int i = 0; i < originTexts.size(); i++) {
            try {
                origins.add(OriginPattern.parse(originTexts.get(i)));
            } catch (IllegalArgumentException e) {
                throw cors.invalid("allowOrigins[" + i + "]", e.getMessage());
            }
        }
        wildcardAlone(cors, "allowOrigins", originTexts, "origins");

        List<String> methods = distinct(cors, "allowMethods", MAX_METHODS, s -> s);
        for (int i = 0; i < methods.size(); i++) {
            String method = methods.get(i);
            if (!method.equals(CorsSpec.WILDCARD) && !METHODS.contains(method)) {
                throw cors.invalid("allowMethods[" + i + "]", "unsupported method \"" + method + "\"; expected one of"
                        + " GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH (case-sensitive) or \"*\"");
            }
        }
        wildcardAlone(cors, "allowMethods", methods, "methods");

        List<String> allowHeaders = headerNames(cors, "allowHeaders");
        List<String> exposeHeaders = headerNames(cors, "exposeHeaders");
        boolean credentials = cors.optionalBoolean("allowCredentials").orElse(false);
        int maxAge = cors.optionalInt("maxAge").orElse(DEFAULT_MAX_AGE_SECONDS);
        if (maxAge < 1) {
            throw cors.invalid("maxAge", "maxAge " + maxAge + " is out of range; expected at least 1 (seconds)");
        }
        return new CorsSpec(origins, credentials, methods, allowHeaders, exposeHeaders, maxAge);
    }

    @Override
    public HttpFilter create(FilterSpec spec) {
        if (!(spec instanceof CorsSpec cors)) {
            throw new IllegalArgumentException("expected a CorsSpec, got " + spec);
        }
        return new CorsFilter(cors);
    }

    private static List<String> headerNames(ConfigReader cors, String field) throws FilterConfigException {
        List<String> names = distinct(cors, field, MAX_HEADERS, s -> s.toLowerCase(Locale.ROOT));
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!HttpSyntax.isToken(name) || name.length() > MAX_HEADER_NAME_LENGTH) {
                throw cors.invalid(field + "[" + i + "]", "\"" + name + "\" is not a valid header name; expected 1 to "
                        + MAX_HEADER_NAME_LENGTH + " token characters (letters, digits and !#$%&'*+-.^_`|~)");
            }
        }
        return names;
    }

    /** The list at {@code field}, at most {@code max} long, without two entries of the same {@code identity}. */
    private static List<String> distinct(ConfigReader cors, String field, int max, Function<String, String> identity)
            throws FilterConfigException {
        List<String> values = cors.stringList(field);
        if (values.size() > max) {
            throw cors.invalid(field, values.size() + " entries are too many; expected at most " + max);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(identity.apply(values.get(i)))) {
                throw cors.invalid(field + "[" + i + "]", "duplicate entry \"" + values.get(i) + "\"; each may appear"
                        + " once");
            }
        }
        return values;
    }

    private static void wildcardAlone(ConfigReader cors, String field, List<String> values, String what)
            throws FilterConfigException {
        if (values.size() > 1 && values.contains(CorsSpec.WILDCARD)) {
            throw cors.invalid(field, field + " cannot contain \"*\" alongside other " + what);
        }
    }
}
