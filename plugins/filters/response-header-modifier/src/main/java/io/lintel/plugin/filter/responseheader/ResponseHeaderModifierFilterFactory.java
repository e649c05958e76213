package io.lintel.plugin.filter.responseheader;

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
 * Translates the {@code responseHeaderModifier} object of a {@code ResponseHeaderModifier} filter into a
 * {@link ResponseHeaderModifierSpec} (rules: {@link HeaderModification}) and a spec into a
 * {@link ResponseHeaderModifierFilter}.
 */
public final class ResponseHeaderModifierFilterFactory implements HttpFilterFactory {

    static final FilterKey KEY = FilterKey.filterType("ResponseHeaderModifier");

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRouteResponseHeaderModification);
    }

    @Override
    public ResponseHeaderModifierSpec translate(FilterConfig config) throws FilterConfigException {
        return new ResponseHeaderModifierSpec(HeaderModification.read(ConfigReader.of(config)));
    }

    @Override
    public HttpFilter create(FilterSpec spec) {
        if (!(spec instanceof ResponseHeaderModifierSpec responseHeaders)) {
            throw new IllegalArgumentException("expected a ResponseHeaderModifierSpec, got " + spec);
        }
        return new ResponseHeaderModifierFilter(responseHeaders.headers());
    }
}
