package io.lintel.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrSocket;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.addresses} entries without a value (GatewayAddressEmpty): Lintel assigns its assignable address, or says
 * that it has none ({@code Programmed=False}, {@code AddressNotAssigned}) while serving the addresses it was given.
 */
class GatewayAddressesTest {

    private static final String CLASS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: lintel}
            spec: {controllerName: lintel.io/gateway-controller}
            ---
            """;
    private static final TranslatorSettings ASSIGNS = new TranslatorSettings(TranslatorSettings.DEFAULT_CONTROLLER_NAME,
            "0.0.0.0", Optional.of("10.1.2.3"));
    private static final TranslatorSettings ASSIGNS_NOTHING = GoldenFiles.SETTINGS;

    private static String gateway(String addresses) {
        return CLASS + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: ns}
                spec:
                  gatewayClassName: lintel
                  addresses: %s
                  listeners:
                  - {name: http, port: 8080, protocol: HTTP}
                """.formatted(addresses);
    }

    private static TranslationResult translate(TranslatorSettings settings, String yaml) {
        return new Translator(settings, PluginRegistry.EMPTY)
                .translate(Snapshot.of(GoldenFiles.documents("test.yaml", yaml)), GoldenFiles.NOW);
    }

    private static ResourceStatus gatewayStatus(TranslationResult result) {
        return result.statuses().stream().filter(s -> s.key().kind().equals("Gateway")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(ResourceStatus status, String type) {
        return ((List<Map<String, Object>>) status.status().get("conditions")).stream()
                .filter(c -> type.equals(c.get("type"))).findFirst().orElseThrow();
    }

    private static List<Object> addresses(ResourceStatus status) {
        return ((List<?>) status.status().get("addresses")).stream().map(a -> ((Map<?, ?>) a).get("value"))
                .map(Object.class::cast).toList();
    }

    private static List<String> sockets(TranslationResult result) {
        return result.ir().sockets().stream().map(s -> s.address() + ":" + s.port()).toList();
    }

    @Test
    void anIpAddressWithoutValueGetsTheAssignableAddress() {
        TranslationResult result = translate(ASSIGNS, gateway("[{type: IPAddress}]"));

        ResourceStatus gw = gatewayStatus(result);
        assertThat(condition(gw, "Accepted")).containsEntry("status", "True");
        assertThat(condition(gw, "Programmed")).containsEntry("status", "True").containsEntry("reason", "Programmed");
        assertThat(addresses(gw)).containsExactly("10.1.2.3");
        assertThat(sockets(result)).containsExactly("10.1.2.3:8080");
    }

    @Test
    void anAssignedAddressAlsoGivenAsAValueIsBoundOnce() {
        TranslationResult result = translate(ASSIGNS, gateway("[{value: 10.1.2.3}, {type: IPAddress}]"));

        assertThat(addresses(gatewayStatus(result))).containsExactly("10.1.2.3");
        assertThat(result.ir().sockets()).extracting(IrSocket::address).containsExactly("10.1.2.3");
    }

    @Test
    void withNothingToAssignTheGatewayIsAcceptedButNotProgrammedAndServesItsOtherAddresses() {
        TranslationResult result = translate(ASSIGNS_NOTHING, gateway("[{value: 127.0.0.5}, {type: IPAddress}]"));

        ResourceStatus gw = gatewayStatus(result);
        assertThat(condition(gw, "Accepted")).containsEntry("status", "True");
        assertThat(condition(gw, "Programmed")).containsEntry("status", "False")
                .containsEntry("reason", "AddressNotAssigned")
                .containsEntry("message", "spec.addresses[1]: an IPAddress without a value asks Lintel to assign "
                        + "one, and it found no address of this host to assign (give the value, or start Lintel with "
                        + "--bind-address set to the address to assign); listeners are served on 127.0.0.5");
        assertThat(addresses(gw)).containsExactly("127.0.0.5");
        assertThat(sockets(result)).containsExactly("127.0.0.5:8080");
    }

    @Test
    void withOnlyAnUnassignedAddressNothingIsBound() {
        TranslationResult result = translate(ASSIGNS_NOTHING, gateway("[{type: IPAddress}]"));

        assertThat(condition(gatewayStatus(result), "Programmed")).containsEntry("reason", "AddressNotAssigned");
        assertThat(addresses(gatewayStatus(result))).isEmpty();
        assertThat(result.ir().sockets()).isEmpty();
    }

    @Test
    void aHostnameWithoutValueIsAnUnsupportedAddress() {
        ResourceStatus gw = gatewayStatus(translate(ASSIGNS, gateway("[{type: Hostname}]")));

        assertThat(condition(gw, "Accepted")).containsEntry("status", "False")
                .containsEntry("reason", "UnsupportedAddress")
                .containsEntry("message", "only IPAddress addresses are supported, not Hostname (no value)");
    }

    @Test
    void withoutAddressesTheGatewayBindsTheDefaultAddress() {
        TranslationResult result = translate(ASSIGNS, gateway("[]"));

        assertThat(sockets(result)).containsExactly("0.0.0.0:8080");
    }

    @Test
    void anEmptyIpAddressValueIsRefusedAsTheApiServerWould() {
        TranslationResult result = translate(ASSIGNS, gateway("[{type: IPAddress, value: \"\"}]"));

        assertThat(result.statuses()).noneMatch(s -> s.key().kind().equals("Gateway"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.toString())
                .contains("spec.addresses[0].value").contains("not a valid IP address"));
    }

    @Test
    void twoAddressesWithoutValueAreNotDuplicates() {
        TranslationResult result = translate(ASSIGNS, gateway("[{type: IPAddress}, {type: IPAddress}]"));

        assertThat(result.problems()).isEmpty();
        assertThat(addresses(gatewayStatus(result))).containsExactly("10.1.2.3");
    }

    @Test
    void onlyAWildcardBindAddressIsNotAssignable() {
        assertThat(AssignableAddress.unlessWildcard("0.0.0.0")).isEmpty();
        assertThat(AssignableAddress.unlessWildcard("::")).isEmpty();
        assertThat(AssignableAddress.unlessWildcard("127.0.0.1")).contains("127.0.0.1");
        assertThat(AssignableAddress.forHost("192.0.2.10")).contains("192.0.2.10");
        AssignableAddress.forHost("0.0.0.0").ifPresent(a -> assertThat(a).isNotEqualTo("0.0.0.0")
                .doesNotStartWith("127."));
    }
}
