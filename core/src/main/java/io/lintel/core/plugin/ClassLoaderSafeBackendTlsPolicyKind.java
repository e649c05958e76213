package io.lintel.core.plugin;

import io.lintel.spi.policy.BackendTlsPolicyDescription;
import io.lintel.spi.policy.BackendTlsPolicyKind;

/** A directory plugin's backend TLS policy kind, called with the plugin's context class loader. */
final class ClassLoaderSafeBackendTlsPolicyKind
        extends ClassLoaderSafeDocumentKind<BackendTlsPolicyDescription, BackendTlsPolicyKind>
        implements BackendTlsPolicyKind {

    ClassLoaderSafeBackendTlsPolicyKind(BackendTlsPolicyKind delegate, ClassLoader loader) {
        super(delegate, loader);
    }
}
