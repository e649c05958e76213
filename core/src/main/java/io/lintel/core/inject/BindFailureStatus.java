package io.lintel.core.inject;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.BindFailure;
import io.lintel.core.status.Condition;
import io.lintel.core.status.ResourceStatus;
import io.lintel.spi.config.ResourceKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes Gateway statuses say which listeners are not served because their socket could not be bound. The translator
 * is a pure function of the resources and cannot know; before this, such a listener was reported
 * {@code Programmed=True} while nothing listened.
 *
 * <p>A listener of a socket in the bind failures gets {@code Programmed=False} with reason {@code Pending} (the
 * Gateway API's reason for a listener "not yet online and ready to accept client traffic"), and so does its Gateway's
 * {@code Programmed} condition ({@code Pending} is among its reasons for False); the messages name the address and the
 * operating system's error. {@code Accepted} is left alone: the listener is valid, and is served once the port is
 * free (see {@link io.lintel.core.server.BindRetry}).
 *
 * <p>When the address itself is not one of this host's ({@link BindFailure#addressNotAvailable()}: a static
 * {@code spec.addresses} value no interface holds), the Gateway's reason is {@code AddressNotUsable} instead, its
 * message names the address, and the address leaves {@code status.addresses}, which lists the addresses bound. The
 * bind is still retried: an address may be added to an interface later.
 *
 * <p>The {@code Programmed} conditions of a Gateway amended last time and not now are stamped with the current time:
 * their translated conditions carry the time of the translation, which came before the socket was bound. Condition
 * times are then kept stable downstream ({@link io.lintel.core.status.StatusTimestamps}) as for any status. Used on
 * the control thread only.
 */
final class BindFailureStatus {

    static final String PROGRAMMED = "Programmed";
    static final String PENDING = "Pending";
    /** The Gateway's reason when one of its addresses is not this host's (GatewayStaticAddresses). */
    static final String ADDRESS_NOT_USABLE = "AddressNotUsable";
    private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    private Set<ResourceKey> amendedBefore = Set.of();

    /**
     * {@code translated} with the {@code Programmed} conditions of Gateways whose listeners are on unbound sockets
     * set to False; statuses not concerned are the same instances.
     */
    List<ResourceStatus> amend(List<ResourceStatus> translated, Ir ir, List<BindFailure> failures, Instant now) {
        Map<ResourceKey, Map<String, List<BindFailure>>> unbound = unboundListeners(ir, failures);
        if (unbound.isEmpty() && amendedBefore.isEmpty()) {
            return translated;
        }
        // the translator's form of the time
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<ResourceStatus> out = new ArrayList<>(translated.size());
        for (ResourceStatus status : translated) {
            Map<String, List<BindFailure>> listeners = unbound.get(status.key());
            if (listeners != null || amendedBefore.contains(status.key())) {
                out.add(amend(status, listeners == null ? Map.of() : listeners, time));
            } else {
                out.add(status);
            }
        }
        amendedBefore = Set.copyOf(unbound.keySet());
        return out;
    }

    /**
     * For each Gateway with listeners on failed sockets: listener name → its failed sockets. The IR names listeners
     * {@code gateway/<namespace>/<gateway>/listener/<listener>} ({@link IrListener#name()}).
     */
    private static Map<ResourceKey, Map<String, List<BindFailure>>> unboundListeners(Ir ir, List<BindFailure> failures) {
        if (failures.isEmpty()) {
            return Map.of();
        }
        // a UDP socket's failure is its listeners', not those of the TCP socket of the same port
        Map<Map.Entry<SocketKey, Boolean>, BindFailure> bySocket = new HashMap<>();
        failures.forEach(failure -> bySocket.put(Map.entry(failure.socket(), failure.datagram()), failure));
        Map<ResourceKey, Map<String, List<BindFailure>>> unbound = new TreeMap<>();
        for (IrSocket socket : ir.sockets()) {
            BindFailure failure = bySocket.get(Map.entry(new SocketKey(socket.address(), socket.port()),
                    socket.protocol().datagram()));
            if (failure == null) {
                continue;
            }
            for (IrListener listener : socket.listeners()) {
                String[] parts = listener.name().split("/", -1);
                if (parts.length != 5 || !parts[0].equals("gateway") || !parts[3].equals("listener")) {
                    continue;
                }
                ResourceKey gateway = new ResourceKey(GATEWAY_GROUP, "Gateway", parts[1], parts[2]);
                unbound.computeIfAbsent(gateway, k -> new LinkedHashMap<>())
                        .computeIfAbsent(parts[4], k -> new ArrayList<>()).add(failure);
            }
        }
        return unbound;
    }

    /** One Gateway's status with its and its listeners' {@code Programmed} conditions replaced or restamped. */
    private static ResourceStatus amend(ResourceStatus gateway, Map<String, List<BindFailure>> unbound, String time) {
        Map<String, Object> status = new LinkedHashMap<>(gateway.status());
        List<String> notBound = new ArrayList<>();
        if (status.get("listeners") instanceof List<?> listeners) {
            List<Object> amended = new ArrayList<>(listeners.size());
            for (Object item : listeners) {
                if (!(item instanceof Map<?, ?> listener) || !(listener.get("name") instanceof String name)) {
                    amended.add(item);
                    continue;
                }
                List<BindFailure> failures = unbound.get(name);
                String message = failures == null ? null
                        : "Listener is not served yet: cannot bind " + sockets(failures) + "; retrying";
                if (failures != null) {
                    notBound.add("listener " + name + " cannot bind " + sockets(failures));
                }
                Map<String, Object> copy = new LinkedHashMap<>();
                listener.forEach((k, v) -> copy.put(String.valueOf(k), v));
                copy.put("conditions", programmed(listener.get("conditions"), PENDING, message, time));
                amended.add(copy);
            }
            status.put("listeners", amended);
        }
        Set<String> unusable = new TreeSet<>();
        unbound.values().forEach(failures -> failures.stream().filter(BindFailure::addressNotAvailable)
                .forEach(failure -> unusable.add(failure.socket().address())));
        String message = notBound.isEmpty() ? null
                : "Gateway is not fully programmed: " + String.join("; ", notBound) + "; retrying";
        if (!unusable.isEmpty()) {
            // only the addresses actually bound are the Gateway's (status.addresses: "addresses bound")
            status.put("addresses", withoutAddresses(status.get("addresses"), unusable));
            message = "spec.addresses: " + String.join(", ", unusable) + (unusable.size() == 1 ? " is" : " are")
                    + " not an address of this host, so no listener can be bound there. " + message;
        }
        status.put("conditions", programmed(status.get("conditions"), unusable.isEmpty() ? PENDING : ADDRESS_NOT_USABLE,
                message, time));
        return new ResourceStatus(gateway.key(), gateway.apiVersion(), gateway.generation(), status);
    }

    /** {@code addresses} (status.addresses entries) without those whose value is in {@code removed}. */
    private static Object withoutAddresses(Object addresses, Set<String> removed) {
        if (!(addresses instanceof List<?> list)) {
            return addresses;
        }
        return list.stream().filter(item -> !(item instanceof Map<?, ?> address && removed.contains(address.get("value"))))
                .toList();
    }

    /**
     * {@code conditions} with the {@code Programmed} one False/{@code reason} with {@code pendingMessage}, or as it
     * was when that is null; either way at {@code time}.
     */
    private static Object programmed(Object conditions, String reason, String pendingMessage, String time) {
        if (!(conditions instanceof List<?> list)) {
            return conditions;
        }
        List<Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item instanceof Map<?, ?> condition && PROGRAMMED.equals(condition.get("type"))) {
                out.add(pendingMessage == null
                        ? condition(condition, String.valueOf(condition.get("status")),
                                String.valueOf(condition.get("reason")), String.valueOf(condition.get("message")), time)
                        : condition(condition, "False", reason, pendingMessage, time));
            } else {
                out.add(item);
            }
        }
        return List.copyOf(out);
    }

    private static Condition condition(Map<?, ?> was, String status, String reason, String message, String time) {
        long generation = was.get("observedGeneration") instanceof Number n ? n.longValue() : 0;
        return new Condition(PROGRAMMED, status, reason, message, generation, time);
    }

    /** {@code 127.0.0.1:80 (Address already in use)}, comma-separated. */
    private static String sockets(List<BindFailure> failures) {
        List<String> parts = new ArrayList<>(failures.size());
        failures.forEach(failure -> parts.add(failure.socket() + " (" + failure.cause() + ")"));
        return String.join(", ", parts);
    }
}
