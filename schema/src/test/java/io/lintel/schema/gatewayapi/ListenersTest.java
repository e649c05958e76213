package io.lintel.schema.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Schema;
import io.lintel.schema.Violations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenersTest {

    private static List<String> check(Schema schema, Object value) {
        Violations out = new Violations("ListenerSet gateway.networking.k8s.io/v1");
        schema.check(value, "spec.listeners", out);
        return out.list().stream().map(v -> v.fieldPath() + ": " + v.message()).toList();
    }

    @Test
    void theCrdRulesAcrossListenersApply() {
        List<Map<String, Object>> listeners = List.of(Map.of("name", "a", "port", 53, "protocol", "UDP",
                "hostname", "a.example.com"), Map.of("name", "b", "port", 443, "protocol", "TLS"));
        assertThat(check(Listeners.LISTENERS, listeners)).containsExactly(
                "spec.listeners[1].tls: tls mode must be set for protocol TLS",
                "spec.listeners[0].hostname: hostname must not be specified for protocols ['TCP', 'UDP']");
    }

    @Test
    void everyObjectIsOpenUntilAKindClosesThem() {
        List<Map<String, Object>> listeners = List.of(Map.of("name", "a", "port", 443, "protocol", "HTTPS",
                "tls", Map.of("certificateRefs", List.of(Map.of("name", "c", "extra", 1)))));
        assertThat(check(Listeners.LISTENERS, listeners)).isEmpty();
        assertThat(check(Listeners.listeners(ObjectSchema::closed), listeners)).containsExactly(
                "spec.listeners[0].tls.certificateRefs[0].extra: unknown field \"extra\" (not part of ListenerSet"
                        + " gateway.networking.k8s.io/v1)");
    }
}
