package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.lintel.core.ir.IrClientValidation;
import io.lintel.spi.gateway.ClientValidation;
import io.lintel.spi.gateway.ClientValidationMode;
import io.lintel.spi.gateway.GatewayTlsDescription;
import io.lintel.spi.gateway.GatewayTlsExtension;
import io.lintel.spi.gateway.TrustAnchorRef;
import io.lintel.spi.kind.FieldViolation;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Which validation applies to which port, and in which mode, is the gateway-tls plugin's description
 * ({@link GatewayTlsSettings}); core resolves the references and writes the conditions. Without the plugin (or when
 * it reports a field it cannot serve) the listeners the validation is meant for are refused ({@code Accepted=False},
 * reason {@code UnsupportedValue}), never served without it.
 */
final class FrontendClientValidation {

    static final String CA_KEY = "ca.crt";
    static final String INSECURE_CONDITION = "InsecureFrontendValidationMode";

    /** The validation settings of one port (or the default): where they are in the spec, and what they say. */
    private record Config(String path, List<TrustAnchorRef> refs, IrClientValidation.Mode mode) {

        static Config of(ClientValidation validation) {
            return new Config(validation.fieldPath(), validation.caCertificateRefs(),
                    validation.mode() == ClientValidationMode.AllowInsecureFallback
                            ? IrClientValidation.Mode.AllowInsecureFallback : IrClientValidation.Mode.AllowValidOnly);
        }
    }

    /** What the references of one config resolved to. */
    private record Resolved(IrClientValidation validation, String reason, String message) {}

    private final ResourceIndex index;
    private final ReferenceGrants grants;
    /** The gateway-tls plugin's interpretation of {@code spec.tls}; empty without the plugin. */
    private final Optional<GatewayTlsExtension> extension;

    FrontendClientValidation(ResourceIndex index, ReferenceGrants grants, Optional<GatewayTlsExtension> extension) {
        this.index = index;
        this.grants = grants;
        this.extension = extension;
    }

    /** A Gateway's {@code spec.tls} as the plugin describes it (see {@link GatewayTlsSettings}). */
    GatewayTlsSettings settings(Gateway gateway) {
        return GatewayTlsSettings.of(gateway, extension);
    }

    /** The validation of one Gateway's listeners; resolves each config once. */
    final class ForGateway {

        private final String namespace;
        private final Config fallback;
        private final Map<Integer, Config> byPort = new HashMap<>();
        private final Map<Config, Resolved> resolved = new HashMap<>();

        /** Why HTTPS listeners are refused rather than served without their validation; null when they are not. */
        private final String refusal;
        /** Whether {@link #refusal} concerns every HTTPS listener, or only those a validation is set for. */
        private final boolean refuseAll;

        private ForGateway(String namespace, GatewayTlsSettings settings) {
            this.namespace = namespace;
            if (settings.description().isEmpty()) {
                // not served (no plugin): refuse the listeners the spec sets a validation for, by the spec's ports
                this.fallback = null;
                this.refuseAll = settings.spec().frontendDefault().isPresent();
                settings.spec().frontendPerPort().stream().filter(p -> p.validation().isPresent())
                        .forEach(p -> byPort.putIfAbsent(p.port(), null));
                this.refusal = settings.spec().hasFrontendValidation() ? GatewayTlsSettings.unserved(
                        "spec.tls.frontend", "client certificate validation") : null;
                return;
            }
            GatewayTlsDescription description = settings.description().get();
            this.fallback = description.frontendDefault().map(Config::of).orElse(null);
            description.frontendPerPort().forEach((port, validation) -> byPort.put(port, Config.of(validation)));
            List<FieldViolation> violations = description.violations();
            this.refuseAll = !violations.isEmpty();
            this.refusal = violations.isEmpty() ? null : String.join("; ",
                    violations.stream().map(v -> v.fieldPath() + ": " + v.message()).toList());
        }

        /**
         * Gives an HTTPS listener the validation of its port, or refuses it (see the class comment). Other protocols
         * terminate no TLS here and are left alone.
         */
        void apply(ListenerState listener) {
            if (!listener.protocol.equals("HTTPS")) {
                return;
            }
            if (refusal != null) {
                if ((refuseAll || byPort.containsKey(listener.port)) && listener.accepted) {
                    listener.accepted = false;
                    listener.acceptedReason = "UnsupportedValue";
                    listener.acceptedMessage = refusal;
                }
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
            byPort.values().stream().filter(c -> c != null && insecure(c)).map(Config::path).sorted()
                    .forEach(paths::add);
            return paths.isEmpty() ? null : "mode AllowInsecureFallback accepts clients without a valid certificate ("
                    + String.join(", ", paths) + ")";
        }
    }

    ForGateway forGateway(String namespace, GatewayTlsSettings settings) {
        return new ForGateway(namespace, settings);
    }

    private static boolean insecure(Config config) {
        return config.mode() == IrClientValidation.Mode.AllowInsecureFallback;
    }

    private Resolved resolve(String gatewayNamespace, Config config) {
        IrClientValidation.Mode mode = config.mode();
        List<X509Certificate> anchors = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        String reason = null;
        String message = null;
        List<TrustAnchorRef> refs = config.refs();
        for (int i = 0; i < refs.size(); i++) {
            TrustAnchorRef ref = refs.get(i);
            String path = config.path() + ".caCertificateRefs[" + i + "]";
            String group = ref.group();
            String kind = ref.kind();
            String problemReason;
            String problem;
            if (!(group.isEmpty() || group.equals("core")) || !(kind.equals("ConfigMap") || kind.equals("Secret"))) {
                problemReason = "InvalidCACertificateKind";
                problem = "unsupported kind " + (group.isEmpty() ? "" : group + "/") + kind
                        + " (expected: a core ConfigMap or Secret)";
            } else {
                String ns = ref.namespace().orElse(gatewayNamespace);
                String object = kind + " " + ns + "/" + ref.name();
                if (!grants.permits(GatewayEvaluator.GROUP, "Gateway", gatewayNamespace, "", kind, ns, ref.name())) {
                    problemReason = "RefNotPermitted";
                    problem = object + " is in another namespace and no ReferenceGrant in " + ns
                            + " allows Gateways from namespace " + gatewayNamespace + " to refer to it";
                } else {
                    problemReason = "InvalidCACertificateRef";
                    problem = load(object, ns + "/" + ref.name(), kind.equals("ConfigMap"), anchors);
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
