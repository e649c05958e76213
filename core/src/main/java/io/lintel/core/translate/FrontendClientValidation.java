package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSPortConfig;
import io.lintel.core.ir.IrClientValidation;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Client certificate validation of HTTPS listeners (Gateway API {@code spec.tls.frontend}, GEP-91): a listener uses
 * the {@code perPort} entry of its port, else {@code default}. Its {@code validation.caCertificateRefs} name core
 * ConfigMaps (as the API specifies) or Secrets (implementation-specific) holding PEM trust anchors under
 * {@code ca.crt}; another namespace needs a ReferenceGrant.
 *
 * <p>A bad reference sets the listener's {@code ResolvedRefs=False} (reason {@code InvalidCACertificateKind},
 * {@code RefNotPermitted} or {@code InvalidCACertificateRef}); when no reference at all is usable the listener is
 * refused ({@code Accepted=False}, {@code NoValidCACertificate}): serving it without the validation it asks for would
 * let in clients it means to keep out. With some usable references it is served with those (stricter, never looser).
 * Mode {@code AllowInsecureFallback} anywhere gives the Gateway condition {@code InsecureFrontendValidationMode}.
 */
final class FrontendClientValidation {

    static final String CA_KEY = "ca.crt";
    static final String INSECURE_CONDITION = "InsecureFrontendValidationMode";

    /** The validation settings of one port (or the default): where they are in the spec, and what they say. */
    private record Config(String path, FrontendTLSValidation validation) {}

    /** What the references of one config resolved to. */
    private record Resolved(IrClientValidation validation, String reason, String message) {}

    private final ResourceIndex index;
    private final ReferenceGrants grants;

    FrontendClientValidation(ResourceIndex index, ReferenceGrants grants) {
        this.index = index;
        this.grants = grants;
    }

    /** The validation of one Gateway's listeners; resolves each config once. */
    final class ForGateway {

        private final String namespace;
        private final Config fallback;
        private final Map<Integer, Config> byPort = new HashMap<>();
        private final Map<Config, Resolved> resolved = new HashMap<>();

        private ForGateway(String namespace, FrontendTLSConfig frontend) {
            this.namespace = namespace;
            String base = "spec.tls.frontend.";
            this.fallback = frontend == null || frontend.getDefault() == null || frontend.getDefault().getValidation() == null
                    ? null : new Config(base + "default.validation", frontend.getDefault().getValidation());
            List<TLSPortConfig> perPort = frontend == null ? List.of() : frontend.getPerPort();
            for (int i = 0; i < perPort.size(); i++) {
                TLSPortConfig entry = perPort.get(i);
                if (entry.getPort() != null && entry.getTls() != null && entry.getTls().getValidation() != null) {
                    byPort.putIfAbsent(entry.getPort(),
                            new Config(base + "perPort[" + i + "].tls.validation", entry.getTls().getValidation()));
                }
            }
        }

        /**
         * Gives an HTTPS listener the validation of its port, or refuses it (see the class comment). Other protocols
         * terminate no TLS here and are left alone.
         */
        void apply(ListenerState listener) {
            if (!listener.protocol.equals("HTTPS")) {
                return;
            }
            Config config = byPort.getOrDefault(listener.port, fallback);
            if (config == null) {
                return;
            }
            Resolved r = resolved.computeIfAbsent(config, c -> resolve(namespace, c));
            // only references of ours may be served around: a listener whose certificate failed stays unprogrammed
            boolean ownProblem = r.reason() != null && listener.resolvedRefs;
            if (ownProblem) {
                listener.resolvedRefs = false;
                listener.resolvedRefsReason = r.reason();
                listener.resolvedRefsMessage = r.message();
            }
            if (r.validation() == null) {
                if (listener.accepted) {
                    listener.accepted = false;
                    listener.acceptedReason = "NoValidCACertificate";
                    listener.acceptedMessage = config.path() + ".caCertificateRefs: no usable CA certificate, so "
                            + "client certificates cannot be validated" + (r.message() == null ? "" : " (" + r.message() + ")");
                }
                return;
            }
            if (ownProblem) {
                listener.servedWithUnresolvedRefs = true;
            }
            listener.clientValidation = Optional.of(r.validation());
        }

        /** The message of the Gateway's {@code InsecureFrontendValidationMode} condition, or null when no mode asks. */
        String insecureModeMessage() {
            List<String> paths = new ArrayList<>();
            if (fallback != null && insecure(fallback)) {
                paths.add(fallback.path());
            }
            byPort.values().stream().filter(FrontendClientValidation::insecure).map(Config::path).sorted()
                    .forEach(paths::add);
            return paths.isEmpty() ? null : "mode AllowInsecureFallback accepts clients without a valid certificate ("
                    + String.join(", ", paths) + ")";
        }
    }

    ForGateway forGateway(String namespace, Gateway gateway) {
        return new ForGateway(namespace,
                gateway.getSpec().getTls() == null ? null : gateway.getSpec().getTls().getFrontend());
    }

    private static boolean insecure(Config config) {
        return IrClientValidation.Mode.AllowInsecureFallback.name().equals(config.validation().getMode());
    }

    private Resolved resolve(String gatewayNamespace, Config config) {
        IrClientValidation.Mode mode = insecure(config)
                ? IrClientValidation.Mode.AllowInsecureFallback : IrClientValidation.Mode.AllowValidOnly;
        List<X509Certificate> anchors = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        String reason = null;
        String message = null;
        List<ObjectReference> refs = config.validation().getCaCertificateRefs();
        for (int i = 0; i < refs.size(); i++) {
            ObjectReference ref = refs.get(i);
            String path = config.path() + ".caCertificateRefs[" + i + "]";
            String group = Objects.requireNonNullElse(ref.getGroup(), "");
            String kind = Objects.requireNonNullElse(ref.getKind(), "");
            String problemReason;
            String problem;
            if (!(group.isEmpty() || group.equals("core")) || !(kind.equals("ConfigMap") || kind.equals("Secret"))) {
                problemReason = "InvalidCACertificateKind";
                problem = "unsupported kind " + (group.isEmpty() ? "" : group + "/") + kind
                        + " (expected: a core ConfigMap or Secret)";
            } else {
                String ns = ref.getNamespace() == null || ref.getNamespace().isEmpty() ? gatewayNamespace : ref.getNamespace();
                String object = kind + " " + ns + "/" + ref.getName();
                if (!grants.permits(GatewayEvaluator.GROUP, "Gateway", gatewayNamespace, "", kind, ns, ref.getName())) {
                    problemReason = "RefNotPermitted";
                    problem = object + " is in another namespace and no ReferenceGrant in " + ns
                            + " allows Gateways from namespace " + gatewayNamespace + " to refer to it";
                } else {
                    problemReason = "InvalidCACertificateRef";
                    problem = load(object, ns + "/" + ref.getName(), kind.equals("ConfigMap"), anchors);
                    if (problem == null) {
                        sources.add(object);
                    }
                }
            }
            if (problem != null && reason == null) {
                reason = problemReason;
                message = path + ": " + problem;
            }
        }
        IrClientValidation validation = anchors.isEmpty() ? null : IrClientValidation.of(mode, sources, anchors);
        return new Resolved(validation, reason, message);
    }

    /** Adds the anchors of one object to {@code anchors}; returns what is wrong with it, or null. */
    private String load(String object, String key, boolean configMap, List<X509Certificate> anchors) {
        ConfigMap map = configMap ? index.configMaps.get(key) : null;
        Secret secret = configMap ? null : index.secrets.get(key);
        if (map == null && secret == null) {
            return object + " not found";
        }
        byte[] pem;
        try {
            pem = map != null ? fromConfigMap(map) : fromSecret(secret);
        } catch (IllegalArgumentException notBase64) {
            return object + ": " + CA_KEY + " is not valid base64 (" + notBase64.getMessage() + ")";
        }
        if (pem == null) {
            return object + " has no " + CA_KEY;
        }
        try {
            anchors.addAll(CaCertificates.parse(pem));
            return null;
        } catch (CertificateException e) {
            return object + ": " + CA_KEY + " holds no usable PEM certificate (" + e.getMessage() + ")";
        }
    }

    private static byte[] fromConfigMap(ConfigMap map) {
        if (map.getData() != null && map.getData().get(CA_KEY) != null) {
            return map.getData().get(CA_KEY).getBytes(StandardCharsets.UTF_8);
        }
        if (map.getBinaryData() != null && map.getBinaryData().get(CA_KEY) != null) {
            return Base64.getMimeDecoder().decode(map.getBinaryData().get(CA_KEY));
        }
        return null;
    }

    private static byte[] fromSecret(Secret secret) {
        if (secret.getStringData() != null && secret.getStringData().get(CA_KEY) != null) {
            return secret.getStringData().get(CA_KEY).getBytes(StandardCharsets.UTF_8);
        }
        if (secret.getData() != null && secret.getData().get(CA_KEY) != null) {
            return Base64.getMimeDecoder().decode(secret.getData().get(CA_KEY));
        }
        return null;
    }
}
