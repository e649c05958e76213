package io.lintel.core.translate.decode.direct;

import static io.lintel.core.translate.decode.direct.MapReader.decline;
import static io.lintel.core.translate.decode.direct.MapReader.list;
import static io.lintel.core.translate.decode.direct.MapReader.object;
import static io.lintel.core.translate.decode.direct.MapReader.string;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantTo;

/** Reads a ReferenceGrant (every version, as v1), every field of it. */
final class ReferenceGrantReader {

    static ReferenceGrant read(Object content, String apiVersion) {
        ReferenceGrant grant = new ReferenceGrant();
        return TopLevel.withSpec(grant, grant::setKind, grant::setAdditionalProperties, content, apiVersion,
                ReferenceGrantReader::spec, grant::setSpec);
    }

    private static ReferenceGrantSpec spec(Object node) {
        ReferenceGrantSpec spec = new ReferenceGrantSpec();
        return object(node, spec, ReferenceGrantSpec::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "from" -> spec.setFrom(list(value, ReferenceGrantReader::from));
                case "to" -> spec.setTo(list(value, ReferenceGrantReader::to));
                default -> throw decline();
            }
        });
    }

    private static ReferenceGrantFrom from(Object node) {
        ReferenceGrantFrom from = new ReferenceGrantFrom();
        return object(node, from, ReferenceGrantFrom::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "group" -> from.setGroup(string(value));
                case "kind" -> from.setKind(string(value));
                case "namespace" -> from.setNamespace(string(value));
                default -> throw decline();
            }
        });
    }

    private static ReferenceGrantTo to(Object node) {
        ReferenceGrantTo to = new ReferenceGrantTo();
        return object(node, to, ReferenceGrantTo::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "group" -> to.setGroup(string(value));
                case "kind" -> to.setKind(string(value));
                case "name" -> to.setName(string(value));
                default -> throw decline();
            }
        });
    }

    private ReferenceGrantReader() {}
}
