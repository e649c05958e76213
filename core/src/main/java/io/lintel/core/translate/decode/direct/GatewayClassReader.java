package io.lintel.core.translate.decode.direct;

import static io.lintel.core.translate.decode.direct.MapReader.decline;
import static io.lintel.core.translate.decode.direct.MapReader.object;
import static io.lintel.core.translate.decode.direct.MapReader.string;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParametersReference;

/** Reads a GatewayClass (every version, as v1); {@code status} is declined. */
final class GatewayClassReader {

    static GatewayClass read(Object content, String apiVersion) {
        GatewayClass gatewayClass = new GatewayClass();
        return TopLevel.withSpec(gatewayClass, gatewayClass::setKind, gatewayClass::setAdditionalProperties, content, apiVersion,
                GatewayClassReader::spec, gatewayClass::setSpec);
    }

    private static GatewayClassSpec spec(Object node) {
        GatewayClassSpec spec = new GatewayClassSpec();
        return object(node, spec, GatewayClassSpec::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "controllerName" -> spec.setControllerName(string(value));
                case "description" -> spec.setDescription(string(value));
                case "parametersRef" -> spec.setParametersRef(parametersRef(value));
                default -> throw decline();
            }
        });
    }

    private static ParametersReference parametersRef(Object node) {
        ParametersReference ref = new ParametersReference();
        return object(node, ref, ParametersReference::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "group" -> ref.setGroup(string(value));
                case "kind" -> ref.setKind(string(value));
                case "name" -> ref.setName(string(value));
                case "namespace" -> ref.setNamespace(string(value));
                default -> throw decline();
            }
        });
    }

    private GatewayClassReader() {}
}
