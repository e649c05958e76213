package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.lintel.core.translate.decode.DecodedResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the translator found out about one Gateway of our GatewayClasses. */
final class GatewayState {

    final DecodedResource<Gateway> resource;
    final String namespace;
    final String name;
    final long generation;
    /** The IP addresses its listeners bind. */
    final List<String> addresses = new ArrayList<>();
    /** The {@code spec.addresses} entries without a value that no address could be assigned to (field paths). */
    final List<String> unassignedAddresses = new ArrayList<>();
    /** Its own listeners, then those its ListenerSets add, in precedence order (see {@link ListenerSets}). */
    final List<ListenerState> listeners = new ArrayList<>();
    /**
     * {@code status.attachedListenerSets}: the number of accepted ListenerSets; null leaves the field out (a Gateway
     * without {@code spec.allowedListeners} takes none).
     */
    Integer attachedListenerSets;
    /** How many of {@link #listeners} are the Gateway's own (they come first); -1 while all are. */
    int ownListenerCount = -1;
    boolean accepted = true;
    String acceptedReason = "Accepted";
    String acceptedMessage = "Gateway is accepted";
    /** Its {@code spec.tls} as the gateway-tls plugin describes it (set by GatewayEvaluator). */
    GatewayTlsSettings tls = GatewayTlsSettings.NONE;
    /** The client certificate presented to TLS backends (spec.tls.backend.clientCertificateRef); null when none. */
    io.lintel.core.ir.IrCertificate backendClientCertificate;
    /** This Gateway's copies of rules with {@link #backendClientCertificate} (see BackendClientCertificates). */
    final Map<io.lintel.core.ir.IrRule, io.lintel.core.ir.IrRule> rulesWithClientCertificate =
            BackendClientCertificates.newCopies();
    /** The Gateway-level ResolvedRefs condition; only written when the Gateway has references of its own. */
    private Map<String, Object> resolvedRefs;
    /** The message of the {@code InsecureFrontendValidationMode} condition; null: the condition is left out. */
    String insecureFrontendValidation;

    GatewayState(DecodedResource<Gateway> resource) {
        this.resource = resource;
        this.namespace = ResourceIndex.namespaceOf(resource.document());
        this.name = resource.document().key().name();
        this.generation = resource.generation();
    }

    /** Creation time, for "oldest wins" decisions; {@link Instant#MAX} when unknown. */
    Instant created() {
        return CreationTimestamps.of(resource.object());
    }

    void resolvedRefs(boolean status, String reason, String message) {
        resolvedRefs = Map.of("status", status, "reason", reason, "message", message);
    }

    ListenerState listener(String listenerName) {
        return ownListeners().stream().filter(l -> l.name.equals(listenerName)).findFirst().orElse(null);
    }

    /** The listeners of the Gateway's spec (what its status lists), without those of ListenerSets. */
    List<ListenerState> ownListeners() {
        return ownListenerCount < 0 ? listeners : listeners.subList(0, ownListenerCount);
    }

    /** Appends a listener a ListenerSet adds (after the Gateway's own, which keep precedence). */
    void addListenerSetListener(ListenerState listener) {
        if (ownListenerCount < 0) {
            ownListenerCount = listeners.size();
        }
        listeners.add(listener);
    }

    Map<String, Object> status(String time) {
        Map<String, Object> s = new LinkedHashMap<>();
        List<Map<String, Object>> addressList = new ArrayList<>();
        if (accepted) {
            for (String a : addresses) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "IPAddress");
                m.put("value", a);
                addressList.add(m);
            }
        }
        s.put("addresses", addressList);
        List<ListenerState> own = ownListeners();
        boolean listenersValid = own.stream().allMatch(l -> l.accepted && l.conflictReason == null);
        Conditions c = new Conditions(generation, time);
        if (accepted && !listenersValid) {
            c.add("Accepted", true, "ListenersNotValid", "Gateway is accepted, but some listeners are not valid: "
                    + String.join(", ", own.stream().filter(l -> !l.accepted || l.conflictReason != null)
                            .map(l -> l.name).toList()));
        } else {
            c.add("Accepted", accepted, acceptedReason, acceptedMessage);
        }
        if (accepted && !unassignedAddresses.isEmpty()) {
            c.add("Programmed", false, "AddressNotAssigned", String.join(", ", unassignedAddresses)
                    + ": an IPAddress without a value asks Lintel to assign one, and it found no address of this host "
                    + "to assign (give the value, or start Lintel with --bind-address set to the address to assign)" + (addresses.isEmpty() ? "" : "; listeners are served on "
                    + String.join(", ", addresses)));
        } else {
            c.add("Programmed", accepted, accepted ? "Programmed" : "Invalid",
                    accepted ? "Gateway is programmed" : "Gateway is not served: " + acceptedMessage);
        }
        if (resolvedRefs != null) {
            c.add("ResolvedRefs", (Boolean) resolvedRefs.get("status"), (String) resolvedRefs.get("reason"),
                    (String) resolvedRefs.get("message"));
        }
        if (insecureFrontendValidation != null) {
            c.add(FrontendClientValidation.INSECURE_CONDITION, true, "ConfigurationChanged", insecureFrontendValidation);
        }
        s.put("conditions", c.list());
        s.put("listeners", own.stream().map(l -> l.status(time)).toList());
        if (attachedListenerSets != null) {
            s.put("attachedListenerSets", attachedListenerSets);
        }
        return s;
    }
}
