package io.lintel.core.translate;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tiny filter factories for translator tests: {@code RequestHeaderModifier}, the rule field {@code timeouts} and
 * ExtensionRef {@code example.com/Fake}. Each accepts its configuration unless it mentions {@code reject}, which
 * it refuses with reason {@code UnsupportedValue}.
 */
final class FakeFilters {

    /** The spec the fake factories produce: the configuration they were given, sorted. */
    record FakeSpec(String factory, Map<String, Object> config) implements FilterSpec {}

    static final class Factory implements HttpFilterFactory {
        private final FilterKey key;

        Factory(FilterKey key) {
            this.key = key;
        }

        @Override
        public FilterKey key() {
            return key;
        }

        @Override
        public FilterSpec translate(FilterConfig config) throws FilterConfigException {
            if (config.value().toString().contains("reject")) {
                throw new FilterConfigException(config.fieldPath(), "UnsupportedValue",
                        "the fake filter rejects any configuration that mentions \"reject\"");
            }
            Map<String, Object> sorted = new TreeMap<>(config.value());
            return new FakeSpec(key.toString(), sorted);
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            throw new UnsupportedOperationException("translator tests never create filters");
        }
    }

    static final PluginRegistry REGISTRY = new PluginRegistry(List.of("fake"),
            Map.of(FilterKey.filterType("RequestHeaderModifier"), new Factory(FilterKey.filterType("RequestHeaderModifier")),
                    FilterKey.ruleField("timeouts"), new Factory(FilterKey.ruleField("timeouts")),
                    FilterKey.extensionRef("example.com", "Fake"), new Factory(FilterKey.extensionRef("example.com", "Fake"))),
            Map.of(), List.of(), Map.of(), PluginRegistry.CORE_FEATURES);

    private FakeFilters() {}
}
