package io.lintel.plugin.filter.urlrewrite;

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
 * Translates the {@code urlRewrite} object of a {@code URLRewrite} filter into a {@link UrlRewriteSpec} and a spec
 * into a {@link UrlRewriteFilter}.
 *
 * <p>Rules (Gateway API v1.2): {@code hostname} is a precise (lower-case, wildcard-free) DNS name; {@code path} is an
 * {@code HTTPPathModifier}. A {@code ReplacePrefixMatch} path also needs the rule to match by {@code PathPrefix},
 * which only the route translator can check.
 */
public final class UrlRewriteFilterFactory implements HttpFilterFactory {

    static final FilterKey KEY = FilterKey.filterType("URLRewrite");

    private static final Set<String> FIELDS = Set.of("hostname", "path");

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRouteHostRewrite, GatewayFeature.HTTPRoutePathRewrite);
    }

    @Override
    public UrlRewriteSpec translate(FilterConfig config) throws FilterConfigException {
        ConfigReader rewrite = ConfigReader.of(config).requireOnly(FIELDS);
        String hostname = rewrite.optionalString("hostname").orElse("");
        if (rewrite.has("hostname") && !HttpSyntax.isPreciseHostname(hostname)) {
            throw rewrite.invalid("hostname", "\"" + hostname + "\" is not a valid hostname; expected lower-case DNS"
                    + " labels (letters, digits, '-') separated by dots, at most 253 characters, without wildcard or"
                    + " port");
        }
        return new UrlRewriteSpec(hostname, PathModifier.read(rewrite, "path"));
    }

    @Override
    public HttpFilter create(FilterSpec spec) {
        if (!(spec instanceof UrlRewriteSpec rewrite)) {
            throw new IllegalArgumentException("expected a UrlRewriteSpec, got " + spec);
        }
        return new UrlRewriteFilter(rewrite);
    }
}
