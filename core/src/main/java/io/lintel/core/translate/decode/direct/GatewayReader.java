package io.lintel.core.translate.decode.direct;

import static io.lintel.core.translate.decode.direct.MapReader.decline;
import static io.lintel.core.translate.decode.direct.MapReader.integer;
import static io.lintel.core.translate.decode.direct.MapReader.list;
import static io.lintel.core.translate.decode.direct.MapReader.object;
import static io.lintel.core.translate.decode.direct.MapReader.string;
import static io.lintel.core.translate.decode.direct.MapReader.stringMap;
import static io.lintel.core.translate.decode.direct.MapReader.strings;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructure;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalParametersReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;

/**
 * Reads a Gateway (every version, as v1): addresses, listeners (TLS, allowed routes) and infrastructure. The
 * Gateway-level {@code tls} (frontend validation, backend client certificate), its old spelling {@code backendTLS}
 * (which {@code OldGatewaySpellings} rewrites for Jackson), {@code allowedListeners}, {@code defaultScope} and
 * {@code status} are declined: Jackson's path decodes those Gateways. Only one Gateway is decoded per configuration
 * in most cases, but the first one through Jackson built all of its bean deserializers (~0.25 s of CPU).
 */
final class GatewayReader {

    static Gateway read(Object content, String apiVersion) {
        Gateway gateway = new Gateway();
        return TopLevel.withSpec(gateway, gateway::setKind, gateway::setAdditionalProperties, content, apiVersion,
                GatewayReader::spec, gateway::setSpec);
    }

    private static GatewaySpec spec(Object node) {
        GatewaySpec spec = new GatewaySpec();
        return object(node, spec, GatewaySpec::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "gatewayClassName" -> spec.setGatewayClassName(string(value));
                case "listeners" -> spec.setListeners(list(value, GatewayReader::listener));
                case "addresses" -> spec.setAddresses(list(value, GatewayReader::address));
                case "infrastructure" -> spec.setInfrastructure(infrastructure(value));
                default -> throw decline();
            }
        });
    }

    private static GatewaySpecAddress address(Object node) {
        GatewaySpecAddress address = new GatewaySpecAddress();
        return object(node, address, GatewaySpecAddress::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "type" -> address.setType(string(value));
                case "value" -> address.setValue(string(value));
                default -> throw decline();
            }
        });
    }

    private static Listener listener(Object node) {
        Listener listener = new Listener();
        return object(node, listener, Listener::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "name" -> listener.setName(string(value));
                case "hostname" -> listener.setHostname(string(value));
                case "port" -> listener.setPort(integer(value));
                case "protocol" -> listener.setProtocol(string(value));
                case "tls" -> listener.setTls(tls(value));
                case "allowedRoutes" -> listener.setAllowedRoutes(allowedRoutes(value));
                default -> throw decline();
            }
        });
    }

    private static ListenerTLSConfig tls(Object node) {
        ListenerTLSConfig tls = new ListenerTLSConfig();
        return object(node, tls, ListenerTLSConfig::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "mode" -> tls.setMode(string(value));
                case "certificateRefs" -> tls.setCertificateRefs(list(value, GatewayReader::secretRef));
                case "options" -> tls.setOptions(stringMap(value));
                default -> throw decline();
            }
        });
    }

    private static SecretObjectReference secretRef(Object node) {
        SecretObjectReference ref = new SecretObjectReference();
        return object(node, ref, SecretObjectReference::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "group" -> ref.setGroup(string(value));
                case "kind" -> ref.setKind(string(value));
                case "name" -> ref.setName(string(value));
                case "namespace" -> ref.setNamespace(string(value));
                default -> throw decline();
            }
        });
    }

    private static AllowedRoutes allowedRoutes(Object node) {
        AllowedRoutes allowed = new AllowedRoutes();
        return object(node, allowed, AllowedRoutes::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "namespaces" -> allowed.setNamespaces(routeNamespaces(value));
                case "kinds" -> allowed.setKinds(list(value, GatewayReader::routeGroupKind));
                default -> throw decline();
            }
        });
    }

    private static RouteNamespaces routeNamespaces(Object node) {
        RouteNamespaces namespaces = new RouteNamespaces();
        return object(node, namespaces, RouteNamespaces::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "from" -> namespaces.setFrom(string(value));
                case "selector" -> namespaces.setSelector(labelSelector(value));
                default -> throw decline();
            }
        });
    }

    private static LabelSelector labelSelector(Object node) {
        LabelSelector selector = new LabelSelector();
        return object(node, selector, LabelSelector::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "matchLabels" -> selector.setMatchLabels(stringMap(value));
                case "matchExpressions" -> selector.setMatchExpressions(list(value, GatewayReader::requirement));
                default -> throw decline();
            }
        });
    }

    private static LabelSelectorRequirement requirement(Object node) {
        LabelSelectorRequirement requirement = new LabelSelectorRequirement();
        return object(node, requirement, LabelSelectorRequirement::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "key" -> requirement.setKey(string(value));
                case "operator" -> requirement.setOperator(string(value));
                case "values" -> requirement.setValues(strings(value));
                default -> throw decline();
            }
        });
    }

    private static RouteGroupKind routeGroupKind(Object node) {
        RouteGroupKind kind = new RouteGroupKind();
        return object(node, kind, RouteGroupKind::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "group" -> kind.setGroup(string(value));
                case "kind" -> kind.setKind(string(value));
                default -> throw decline();
            }
        });
    }

    private static GatewayInfrastructure infrastructure(Object node) {
        GatewayInfrastructure infrastructure = new GatewayInfrastructure();
        return object(node, infrastructure, GatewayInfrastructure::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "labels" -> infrastructure.setLabels(stringMap(value));
                case "annotations" -> infrastructure.setAnnotations(stringMap(value));
                case "parametersRef" -> infrastructure.setParametersRef(parametersRef(value));
                default -> throw decline();
            }
        });
    }

    private static LocalParametersReference parametersRef(Object node) {
        LocalParametersReference ref = new LocalParametersReference();
        return object(node, ref, LocalParametersReference::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "group" -> ref.setGroup(string(value));
                case "kind" -> ref.setKind(string(value));
                case "name" -> ref.setName(string(value));
                default -> throw decline();
            }
        });
    }

    private GatewayReader() {}
}
