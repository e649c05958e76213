package io.lintel.core.translate.decode.direct;

import static io.lintel.core.translate.decode.direct.MapReader.NO_EXTRAS;
import static io.lintel.core.translate.decode.direct.MapReader.decline;
import static io.lintel.core.translate.decode.direct.MapReader.fields;
import static io.lintel.core.translate.decode.direct.MapReader.list;
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
        fields(node, (key, value) -> {
            switch (key) {
                case "from" -> spec.setFrom(list(value, ReferenceGrantReader::from));
                case "to" -> spec.setTo(list(value, ReferenceGrantReader::to));
                default -> throw decline();
            }
        });
        spec.setAdditionalProperties(NO_EXTRAS);
        return spec;
    }

    private static ReferenceGrantFrom from(Object node) {
        ReferenceGrantFrom from = new ReferenceGrantFrom();
        fields(node, (key, value) -> {
            switch (key) {
                case "group" -> from.setGroup(string(value));
                case "kind" -> from.setKind(string(value));
                case "namespace" -> from.setNamespace(string(value));
                default -> throw decline();
            }
        });
        from.setAdditionalProperties(NO_EXTRAS);
        return from;
    }

    private static ReferenceGrantTo to(Object node) {
        ReferenceGrantTo to = new ReferenceGrantTo();
        fields(node, (key, value) -> {
            switch (key) {
                case "group" -> to.setGroup(string(value));
                case "kind" -> to.setKind(string(value));
                case "name" -> to.setName(string(value));
                default -> throw decline();
            }
        });
        to.setAdditionalProperties(NO_EXTRAS);
        return to;
    }

    private ReferenceGrantReader() {}
}
