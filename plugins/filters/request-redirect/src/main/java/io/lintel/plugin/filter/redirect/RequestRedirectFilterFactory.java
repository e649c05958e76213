package io.lintel.plugin.filter.redirect;

import io.lintel.plugin.filter.support.ConfigReader;
import io.lintel.plugin.filter.support.HttpSyntax;
import io.lintel.plugin.filter.support.PathModifier;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.Set;

/**
 * Translates the {@code requestRedirect} object of a {@code RequestRedirect} filter into a
 * {@link RequestRedirectSpec} and a spec into a {@link RequestRedirectFilter}.
 *
 * <p>Rules (Gateway API v1.2, plus the status codes later releases allow): {@code scheme} is {@code http} or
 * {@code https}; {@code hostname} is a precise (lower-case, wildcard-free) DNS name; {@code port} is 1 to 65535;
 * {@code statusCode} is 301, 302, 303, 307 or 308 and defaults to 302; {@code path} is an {@code HTTPPathModifier}.
 * A {@code ReplacePrefixMatch} path also needs the rule to match by {@code PathPrefix}, which only the route
 * translator can check.
 */
public final class RequestRedirectFilterFactory implements HttpFilterFactory {

    static final FilterKey KEY = FilterKey.filterType("RequestRedirect");

    private static final Set<String> FIELDS = Set.of("scheme", "hostname", "path", "port", "statusCode");
    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Set<Integer> STATUS_CODES = Set.of(301, 302, 303, 307, 308);
    private static final int DEFAULT_STATUS_CODE = 302;

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRoutePortRedirect, GatewayFeature.HTTPRouteSchemeRedirect,
                GatewayFeature.HTTPRoutePathRedirect, GatewayFeature.HTTPRoute303RedirectStatusCode,
                GatewayFeature.HTTPRoute307RedirectStatusCode, GatewayFeature.HTTPRoute308RedirectStatusCode);
    }

    @Override
    public RequestRedirectSpec translate(FilterConfig config) throws FilterConfigException {
        ConfigReader redirect = ConfigReader.of(config).requireOnly(FIELDS);

        String scheme = redirect.optionalString("scheme").orElse("");
        if (redirect.has("scheme") && !SCHEMES.contains(scheme)) {
            throw redirect.invalid("scheme", "unsupported scheme \"" + scheme + "\"; expected http or https");
        }
        String hostname = redirect.optionalString("hostname").orElse("");
        if (redirect.has("hostname") && !HttpSyntax.isPreciseHostname(hostname)) {
            throw redirect.invalid("hostname", "\"" + hostname + "\" is not a valid hostname; expected lower-case DNS"
                    + " labels (letters, digits, '-') separated by dots, at most 253 characters, without wildcard or"
                    + " port");
        }
        int port = redirect.optionalInt("port").orElse(0);
        if (redirect.has("port") && (port < 1 || port > 65535)) {
            throw redirect.invalid("port", "port " + port + " is out of range; expected 1 to 65535");
        }
        int statusCode = redirect.optionalInt("statusCode").orElse(DEFAULT_STATUS_CODE);
        if (!STATUS_CODES.contains(statusCode)) {
            throw redirect.invalid("statusCode", "unsupported status code " + statusCode
                    + "; expected 301, 302, 303, 307 or 308");
        }
        PathModifier path = PathModifier.read(redirect, "path");
        return new RequestRedirectSpec(scheme, hostname, port, path, statusCode);
    }

    @Override
    public HttpFilter create(FilterSpec spec) {
        if (!(spec instanceof RequestRedirectSpec redirect)) {
            throw new IllegalArgumentException("expected a RequestRedirectSpec, got " + spec);
        }
        return new RequestRedirectFilter(redirect);
    }
}
