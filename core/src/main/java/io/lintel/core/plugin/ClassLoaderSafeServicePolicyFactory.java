package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.policy.EndpointAccess;
import io.lintel.spi.policy.PolicyConfig;
import io.lintel.spi.policy.PolicyConfigException;
import io.lintel.spi.policy.PolicySpec;
import io.lintel.spi.policy.ServicePolicyFactory;
import io.lintel.spi.policy.ServicePolicyTarget;
import java.util.List;

/** Runs every call into a directory plugin's service policy factory with the plugin's context class loader. */
@SuppressWarnings("try") // the resource is the context class loader switch itself
final class ClassLoaderSafeServicePolicyFactory implements ServicePolicyFactory {

    private final ServicePolicyFactory delegate;
    private final ClassLoader loader;

    ClassLoaderSafeServicePolicyFactory(ServicePolicyFactory delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
    }

    @Override
    public String group() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.group();
        }
    }

    @Override
    public String kind() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.kind();
        }
    }

    @Override
    public PolicySpec translate(PolicyConfig config) throws PolicyConfigException {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.translate(config);
        }
    }

    @Override
    public void apply(List<ServicePolicyTarget> targets, EndpointAccess access) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            delegate.apply(targets, access);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
