package io.lintel.it.stamp;

import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.RuleRef;
import java.util.Map;

/** {@code it.lintel.io/Stamp} objects: {@code spec.prefix}, the prefix of the headers the filter adds. */
public final class StampFilterFactory implements HttpFilterFactory {

    static final FilterKey KEY = FilterKey.extensionRef("it.lintel.io", "Stamp");

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public FilterSpec translate(FilterConfig config) throws FilterConfigException {
        if (!(config.value().get("spec") instanceof Map<?, ?> spec) || !(spec.get("prefix") instanceof String prefix)) {
            throw new FilterConfigException(config.fieldPath(), "UnsupportedValue", "Stamp: spec.prefix is required");
        }
        return new StampSpec(prefix);
    }

    /** One filter per rule: its counter is that rule's. */
    @Override
    public HttpFilter create(FilterSpec spec, RuleRef rule) {
        return new StampFilter((StampSpec) spec, rule);
    }
}
