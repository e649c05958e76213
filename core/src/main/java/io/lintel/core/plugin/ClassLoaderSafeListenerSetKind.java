package io.lintel.core.plugin;

import io.lintel.spi.kind.ListenerSetDescription;
import io.lintel.spi.kind.ListenerSetKind;

/** A directory plugin's listener set kind, called with the plugin's context class loader. */
final class ClassLoaderSafeListenerSetKind extends ClassLoaderSafeDocumentKind<ListenerSetDescription, ListenerSetKind>
        implements ListenerSetKind {

    ClassLoaderSafeListenerSetKind(ListenerSetKind delegate, ClassLoader loader) {
        super(delegate, loader);
    }
}
