package io.lintel.core.translate.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps Gateway fields that Gateway API renamed to their current spelling before decoding, so that manifests written
 * for an older release keep working with the current object model: v1.2's experimental {@code spec.backendTLS}
 * ({@code clientCertificateRef}) is {@code spec.tls.backend} since v1.4. When both are written, the current spelling
 * wins and the old one is dropped.
 */
final class OldGatewaySpellings {

    static Map<String, Object> normalise(Map<String, Object> content) {
        if (!(content.get("spec") instanceof Map<?, ?> spec) || !spec.containsKey("backendTLS")) {
            return content;
        }
        Map<String, Object> newSpec = new LinkedHashMap<>();
        spec.forEach((k, v) -> newSpec.put(String.valueOf(k), v));
        Object backendTls = newSpec.remove("backendTLS");
        Map<String, Object> tls = new LinkedHashMap<>();
        if (newSpec.get("tls") instanceof Map<?, ?> existing) {
            existing.forEach((k, v) -> tls.put(String.valueOf(k), v));
        }
        tls.putIfAbsent("backend", backendTls);
        newSpec.put("tls", tls);
        Map<String, Object> out = new LinkedHashMap<>(content);
        out.put("spec", newSpec);
        return out;
    }

    private OldGatewaySpellings() {}
}
