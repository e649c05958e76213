package io.lintel.core.translate;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tiny filter factories for translator tests: {@code RequestHeaderModifier}, {@code RequestMirror} (which asks core
 * to resolve its {@code backendRef}), the rule field {@code timeouts} and ExtensionRef {@code example.com/Fake}. Each
 * accepts its configuration unless it mentions {@code reject}, which it refuses with reason {@code UnsupportedValue}.
 */
public final class FakeFilters {

    /** The spec the fake factories produce: the configuration they were given, sorted. */
    record FakeSpec(String factory, Map<String, Object> config, Map<String, FilterBackend> backends)
            implements FilterSpec {}

    static final class Factory implements HttpFilterFactory {
        private final FilterKey key;
        private final Set<String> backendRefFields;

        Factory(FilterKey key) {
            this(key, Set.of());
        }

        Factory(FilterKey key, Set<String> backendRefFields) {
            this.key = key;
            this.backendRefFields = backendRefFields;
        }

        @Override
        public Set<String> backendRefFields() {
            return backendRefFields;
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
            return new FakeSpec(key.toString(), sorted, new TreeMap<>(config.backends()));
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            throw new UnsupportedOperationException("translator tests never create filters");
        }
    }

    public static final PluginRegistry REGISTRY = new PluginRegistry(List.of("fake"),
            Map.of(FilterKey.filterType("RequestHeaderModifier"), new Factory(FilterKey.filterType("RequestHeaderModifier")),
                    FilterKey.filterType("RequestMirror"),
                    new Factory(FilterKey.filterType("RequestMirror"), Set.of("backendRef")),
                    FilterKey.ruleField("timeouts"), new Factory(FilterKey.ruleField("timeouts")),
                    FilterKey.extensionRef("example.com", "Fake"), new Factory(FilterKey.extensionRef("example.com", "Fake"))),
            Map.of(), List.of(), Map.of(), PluginRegistry.CORE_FEATURES);

    private FakeFilters() {}
}
