package io.lintel.plugin.filter.requestheader;

import io.lintel.plugin.filter.support.ConfigReader;
import io.lintel.plugin.filter.support.HeaderModification;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.Set;

/**
 * Translates the {@code requestHeaderModifier} object of a {@code RequestHeaderModifier} filter into a
 * {@link RequestHeaderModifierSpec} (rules: {@link HeaderModification}) and a spec into a
 * {@link RequestHeaderModifierFilter}. On a rule it is part of the core {@code HTTPRoute} feature; core runs the same
 * filter for {@code backendRefs[].filters} (only when the request goes to that backend), which is the extended feature
 * {@code HTTPRouteBackendRequestHeaderModification} this factory declares.
 */
public final class RequestHeaderModifierFilterFactory implements HttpFilterFactory {

    static final FilterKey KEY = FilterKey.filterType("RequestHeaderModifier");

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRouteBackendRequestHeaderModification);
    }

    @Override
    public RequestHeaderModifierSpec translate(FilterConfig config) throws FilterConfigException {
        return new RequestHeaderModifierSpec(HeaderModification.read(ConfigReader.of(config)));
    }

    @Override
    public HttpFilter create(FilterSpec spec) {
        if (!(spec instanceof RequestHeaderModifierSpec requestHeaders)) {
            throw new IllegalArgumentException("expected a RequestHeaderModifierSpec, got " + spec);
        }
        return new RequestHeaderModifierFilter(requestHeaders.headers());
    }
}
