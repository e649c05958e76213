package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.RuleRef;
import java.util.Set;

/**
 * Runs every call into a directory plugin's filter factory with the plugin's class loader as context class loader.
 * The filters it creates are not wrapped: they run per request on event loops, where the extra cost is not wanted.
 */
@SuppressWarnings("try") // the resource is the context class loader switch itself
final class ClassLoaderSafeHttpFilterFactory implements HttpFilterFactory {

    private final HttpFilterFactory delegate;
    private final ClassLoader loader;

    ClassLoaderSafeHttpFilterFactory(HttpFilterFactory delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
    }

    @Override
    public FilterKey key() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.key();
        }
    }

    @Override
    public Set<GatewayFeature> features() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.features();
        }
    }

    @Override
    public Set<String> backendRefFields() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.backendRefFields();
        }
    }

    @Override
    public FilterSpec translate(FilterConfig config) throws FilterConfigException {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.translate(config);
        }
    }

    @Override
    public HttpFilter create(FilterSpec spec, RuleRef rule) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.create(spec, rule);
        }
    }

    @Override
    public HttpFilter create(FilterSpec spec) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.create(spec);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
