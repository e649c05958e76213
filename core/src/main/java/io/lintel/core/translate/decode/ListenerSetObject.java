package io.lintel.core.translate.decode;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.lintel.spi.kind.ListenerSetDescription;
import io.lintel.spi.kind.ListenerSetKind;

/** An object of a kind a plugin reads whose listeners join a Gateway ({@link ListenerSetKind}), decoded. */
public final class ListenerSetObject extends PluginObject {

    private final ListenerSetDescription listenerSet;

    ListenerSetObject(String kind, String apiVersion, ObjectMeta metadata, ListenerSetDescription listenerSet) {
        super(kind, apiVersion, metadata);
        this.listenerSet = requireNonNull(listenerSet, "listenerSet");
    }

    /** What the plugin made of the document. */
    public ListenerSetDescription listenerSet() {
        return listenerSet;
    }
}
