package io.lintel.core.inject;

import static io.lintel.core.inject.BindStatuses.gateway;
import static io.lintel.core.inject.BindStatuses.programmed;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.BindFailure;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.translate.TranslationResult;
import io.lintel.core.translate.Translator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GatewayStaticAddresses: a {@code spec.addresses} value no interface of the host holds cannot be bound; the Gateway
 * says so ({@code Programmed=False}, {@code AddressNotUsable}) and lists only the addresses it serves.
 */
class BindFailureStatusStaticAddressTest {

    private static final String YAML = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: lintel}
            spec: {controllerName: lintel.io/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra, generation: 2}
            spec:
              gatewayClassName: lintel
              addresses:
              - {value: 192.0.2.7}
              - {type: IPAddress, value: 127.0.255.7}
              listeners:
              - {name: http, port: 8080, protocol: HTTP}
            """;
    private static final Instant LATER = GoldenFiles.NOW.plusSeconds(30);
    private static final BindFailure NOT_MINE = new BindFailure(new SocketKey("192.0.2.7", 8080),
            "bind(..) failed: Cannot assign requested address");
    private static final BindFailure IN_USE = new BindFailure(new SocketKey("127.0.255.7", 8080),
            "Address already in use");

    private final TranslationResult result = new Translator(GoldenFiles.SETTINGS, PluginRegistry.EMPTY)
            .translate(Snapshot.of(GoldenFiles.documents("test.yaml", YAML)), GoldenFiles.NOW);
    private final BindFailureStatus bindFailureStatus = new BindFailureStatus();

    @Test
    void theErrorOfAnAddressThatIsNotTheHostsIsToldFromAPortInUse() {
        assertThat(NOT_MINE.addressNotAvailable()).isTrue();
        assertThat(new BindFailure(NOT_MINE.socket(), "Can't assign requested address").addressNotAvailable())
                .isTrue();
        assertThat(IN_USE.addressNotAvailable()).isFalse();
    }

    @Test
    void bothAddressesAreListedWhileBothAreBound() {
        assertThat(addresses(gateway(result.statuses(), "gw"))).containsExactly("192.0.2.7", "127.0.255.7");
    }

    @Test
    void anAddressThatIsNotTheHostsMakesTheGatewayNotProgrammedAndLeavesItsAddresses() {
        ResourceStatus gw = gateway(bindFailureStatus.amend(result.statuses(), result.ir(), List.of(NOT_MINE), LATER),
                "gw");

        assertThat(programmed(gw)).containsAllEntriesOf(Map.of("status", "False", "reason", "AddressNotUsable",
                "observedGeneration", 2L, "message", "spec.addresses: 192.0.2.7 is not an address of this host, so no "
                        + "listener can be bound there. Gateway is not fully programmed: listener http cannot bind "
                        + "192.0.2.7:8080 (bind(..) failed: Cannot assign requested address); retrying"));
        assertThat(addresses(gw)).containsExactly("127.0.255.7");
        // the listener is valid and served on the other address: still Accepted, not Programmed everywhere
        assertThat(programmed(gw, "http")).containsEntry("status", "False").containsEntry("reason", "Pending");
        assertThat(gw.status().get("conditions").toString()).contains("type=Accepted, status=True");
    }

    @Test
    void aPortInUseStaysPendingAndKeepsTheAddressListed() {
        ResourceStatus gw = gateway(bindFailureStatus.amend(result.statuses(), result.ir(), List.of(IN_USE), LATER),
                "gw");

        assertThat(programmed(gw)).containsEntry("reason", "Pending");
        assertThat(addresses(gw)).containsExactly("192.0.2.7", "127.0.255.7");
    }

    @Test
    void onceTheUnusableAddressIsRemovedTheGatewayIsProgrammedAgain() {
        bindFailureStatus.amend(result.statuses(), result.ir(), List.of(NOT_MINE), GoldenFiles.NOW);

        ResourceStatus gw = gateway(bindFailureStatus.amend(result.statuses(), result.ir(), List.of(), LATER), "gw");

        assertThat(programmed(gw)).containsEntry("status", "True").containsEntry("reason", "Programmed");
        assertThat(addresses(gw)).containsExactly("192.0.2.7", "127.0.255.7");
    }

    private static List<Object> addresses(ResourceStatus gateway) {
        return ((List<?>) gateway.status().get("addresses")).stream().map(a -> ((Map<?, ?>) a).get("value"))
                .map(Object.class::cast).toList();
    }
}
