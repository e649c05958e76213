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
    final List<ListenerState> listeners = new ArrayList<>();
    boolean accepted = true;
    String acceptedReason = "Accepted";
    String acceptedMessage = "Gateway is accepted";
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
        return listeners.stream().filter(l -> l.name.equals(listenerName)).findFirst().orElse(null);
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
        boolean listenersValid = listeners.stream().allMatch(l -> l.accepted && l.conflictReason == null);
        Conditions c = new Conditions(generation, time);
        if (accepted && !listenersValid) {
            c.add("Accepted", true, "ListenersNotValid", "Gateway is accepted, but some listeners are not valid: "
                    + String.join(", ", listeners.stream().filter(l -> !l.accepted || l.conflictReason != null)
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
        s.put("listeners", listeners.stream().map(l -> l.status(time)).toList());
        return s;
    }
}
