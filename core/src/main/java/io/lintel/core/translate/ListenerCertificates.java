package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.lintel.core.ir.IrCertificate;
import io.lintel.spi.tls.InvalidTlsMaterialException;
import io.lintel.spi.tls.TlsMaterial;
import io.lintel.spi.tls.TlsMaterialLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Resolves a listener's {@code tls.certificateRefs} to loaded key material: the reference must name a core Secret,
 * be permitted (a ReferenceGrant when it crosses namespaces), exist, have type {@code kubernetes.io/tls}, and hold
 * data that a {@link TlsMaterialLoader} accepts. Runs on the control thread (parsing keys is fine there).
 */
final class ListenerCertificates {

    static final String TLS_SECRET_TYPE = "kubernetes.io/tls";

    /**
     * The outcome for one reference: the certificate (null when the reference is valid but no TLS plugin is loaded to
     * read it), or the condition reason and message saying why the reference is not valid.
     */
    record Resolution(IrCertificate certificate, String reason, String message) {

        static Resolution ok(IrCertificate certificate) {
            return new Resolution(certificate, null, null);
        }

        static Resolution invalid(String message) {
            return new Resolution(null, "InvalidCertificateRef", message);
        }

        static Resolution notPermitted(String message) {
            return new Resolution(null, "RefNotPermitted", message);
        }

        boolean resolved() {
            return reason == null;
        }
    }

    private final ResourceIndex index;
    private final ReferenceGrants grants;
    private final List<TlsMaterialLoader> loaders;

    ListenerCertificates(ResourceIndex index, ReferenceGrants grants, List<TlsMaterialLoader> loaders) {
        this.index = index;
        this.grants = grants;
        this.loaders = List.copyOf(loaders);
    }

    /** True when some plugin can load key material, i.e. TLS can be terminated at all. */
    boolean canLoad() {
        return !loaders.isEmpty();
    }

    /**
     * @param gatewayNamespace the namespace of the Gateway that refers (the default namespace of the reference)
     */
    Resolution resolve(String gatewayNamespace, SecretObjectReference ref) {
        return resolve("Gateway", gatewayNamespace, ref);
    }

    /**
     * @param fromKind the kind that refers (Gateway or ListenerSet), as a ReferenceGrant's {@code from} names it
     * @param gatewayNamespace the namespace of the resource that refers (the default namespace of the reference)
     */
    Resolution resolve(String fromKind, String gatewayNamespace, SecretObjectReference ref) {
        String group = Objects.requireNonNullElse(ref.getGroup(), "");
        String kind = Objects.requireNonNullElse(ref.getKind(), "Secret");
        if (!group.isEmpty() || !kind.equals("Secret")) {
            return Resolution.invalid("unsupported kind " + (group.isEmpty() ? "" : group + "/") + kind
                    + " (expected: a core Secret, group \"\" and kind Secret)");
        }
        String ns = ref.getNamespace() == null || ref.getNamespace().isEmpty() ? gatewayNamespace : ref.getNamespace();
        String secretName = ns + "/" + ref.getName();
        if (!grants.permits(GatewayEvaluator.GROUP, fromKind, gatewayNamespace, "", "Secret", ns, ref.getName())) {
            return Resolution.notPermitted("Secret " + secretName + " is in another namespace and no ReferenceGrant in "
                    + ns + " allows " + fromKind + "s from namespace " + gatewayNamespace + " to refer to it");
        }
        Secret secret = index.secrets.get(secretName);
        if (secret == null) {
            return Resolution.invalid("Secret " + secretName + " not found");
        }
        String type = secret.getType() == null || secret.getType().isEmpty() ? "Opaque" : secret.getType();
        if (!type.equals(TLS_SECRET_TYPE)) {
            return Resolution.invalid("Secret " + secretName + " has type " + type + " (expected: " + TLS_SECRET_TYPE + ")");
        }
        Map<String, byte[]> data = new TreeMap<>();
        if (secret.getData() != null) {
            for (Map.Entry<String, String> e : secret.getData().entrySet()) {
                try {
                    data.put(e.getKey(), Base64.getMimeDecoder().decode(Objects.requireNonNullElse(e.getValue(), "")));
                } catch (IllegalArgumentException notBase64) {
                    return Resolution.invalid("Secret " + secretName + ": data." + e.getKey() + " is not valid base64 ("
                            + notBase64.getMessage() + ")");
                }
            }
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, Objects.requireNonNullElse(v, "").getBytes(StandardCharsets.UTF_8)));
        }
        return load(secretName, data);
    }

    private Resolution load(String secretName, Map<String, byte[]> data) {
        if (loaders.isEmpty()) {
            // The listener is refused for want of a TLS plugin (Accepted=False); the reference itself is fine.
            return Resolution.ok(null);
        }
        List<String> problems = new ArrayList<>();
        for (TlsMaterialLoader loader : loaders) {
            try {
                TlsMaterial material = loader.load(data);
                return Resolution.ok(IrCertificate.of(secretName, material));
            } catch (InvalidTlsMaterialException e) {
                problems.add(loaders.size() == 1 ? e.getMessage() : loader.name() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // A plugin bug must not stop the translation; it makes this reference unusable.
                problems.add((loaders.size() == 1 ? "" : loader.name() + ": ") + "the TLS plugin failed: " + e);
            }
        }
        return Resolution.invalid("Secret " + secretName + " holds no usable certificate and key: "
                + String.join("; ", problems));
    }
}
