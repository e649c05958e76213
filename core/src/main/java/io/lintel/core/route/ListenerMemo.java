package io.lintel.core.route;

import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.ir.VirtualHostDiff;
import java.util.List;
import java.util.Map;

/**
 * A compiled listener with the IR virtual hosts it was made of, so that the next compile can tell which of them
 * changed (by identity) and patch the host map instead of rebuilding it.
 */
final class ListenerMemo {

    final List<IrVirtualHost> irHosts;
    final CompiledListener compiled;
    final HostSelector<CompiledVirtualHost> selector;
    /** The IR hosts by hostname, built when a diff first needs it and patched by each diff after. */
    private final Map<String, IrVirtualHost> byHostname;

    ListenerMemo(String name, List<IrVirtualHost> irHosts, HostSelector<CompiledVirtualHost> selector,
            Map<String, IrVirtualHost> byHostname) {
        this.irHosts = irHosts;
        this.selector = selector;
        this.compiled = new CompiledListener(name, selector);
        this.byHostname = byHostname;
    }

    /** How {@code now} differs from this memo's hosts, or null (see {@link VirtualHostDiff#between}); use once. */
    VirtualHostDiff diff(List<IrVirtualHost> now) {
        return VirtualHostDiff.between(irHosts, byHostname, now);
    }
}
