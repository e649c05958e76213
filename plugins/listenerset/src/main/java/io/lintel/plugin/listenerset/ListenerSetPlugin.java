package io.lintel.plugin.listenerset;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.kind.ListenerSetKind;
import java.util.List;

/**
 * ListenerSet (GEP-1713): listeners added to a Gateway that allows them ({@code spec.allowedListeners}). Core merges
 * them into the Gateway, settles conflicts, attaches routes and writes the status; this plugin reads the kind.
 */
public final class ListenerSetPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "listenerset";
    }

    @Override
    public List<ListenerSetKind> listenerSetKinds(PluginContext context) {
        return List.of(new ListenerSetReader());
    }
}
