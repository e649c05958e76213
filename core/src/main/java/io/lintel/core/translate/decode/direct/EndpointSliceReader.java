package io.lintel.core.translate.decode.direct;

import static io.lintel.core.translate.decode.direct.MapReader.bool;
import static io.lintel.core.translate.decode.direct.MapReader.decline;
import static io.lintel.core.translate.decode.direct.MapReader.integer;
import static io.lintel.core.translate.decode.direct.MapReader.list;
import static io.lintel.core.translate.decode.direct.MapReader.object;
import static io.lintel.core.translate.decode.direct.MapReader.string;
import static io.lintel.core.translate.decode.direct.MapReader.stringMap;
import static io.lintel.core.translate.decode.direct.MapReader.strings;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointHints;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.ForNode;
import io.fabric8.kubernetes.api.model.discovery.v1.ForZone;

/** Reads a discovery.k8s.io/v1 EndpointSlice, every field of it. */
final class EndpointSliceReader {

    static EndpointSlice read(Object content, String apiVersion) {
        EndpointSlice slice = new EndpointSlice();
        return TopLevel.read(slice, slice::setKind, slice::setAdditionalProperties, content, apiVersion,
                (key, value) -> {
                    switch (key) {
                        case "addressType" -> slice.setAddressType(string(value));
                        case "endpoints" -> slice.setEndpoints(list(value, EndpointSliceReader::endpoint));
                        case "ports" -> slice.setPorts(list(value, EndpointSliceReader::port));
                        default -> throw decline();
                    }
                });
    }

    private static Endpoint endpoint(Object node) {
        Endpoint endpoint = new Endpoint();
        return object(node, endpoint, Endpoint::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "addresses" -> endpoint.setAddresses(strings(value));
                case "conditions" -> endpoint.setConditions(conditions(value));
                case "hostname" -> endpoint.setHostname(string(value));
                case "nodeName" -> endpoint.setNodeName(string(value));
                case "zone" -> endpoint.setZone(string(value));
                case "targetRef" -> endpoint.setTargetRef(objectReference(value));
                case "hints" -> endpoint.setHints(hints(value));
                case "deprecatedTopology" -> endpoint.setDeprecatedTopology(stringMap(value));
                default -> throw decline();
            }
        });
    }

    private static EndpointConditions conditions(Object node) {
        EndpointConditions conditions = new EndpointConditions();
        return object(node, conditions, EndpointConditions::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "ready" -> conditions.setReady(bool(value));
                case "serving" -> conditions.setServing(bool(value));
                case "terminating" -> conditions.setTerminating(bool(value));
                default -> throw decline();
            }
        });
    }

    private static ObjectReference objectReference(Object node) {
        ObjectReference ref = new ObjectReference();
        return object(node, ref, ObjectReference::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "apiVersion" -> ref.setApiVersion(string(value));
                case "kind" -> ref.setKind(string(value));
                case "name" -> ref.setName(string(value));
                case "namespace" -> ref.setNamespace(string(value));
                case "uid" -> ref.setUid(string(value));
                case "resourceVersion" -> ref.setResourceVersion(string(value));
                case "fieldPath" -> ref.setFieldPath(string(value));
                default -> throw decline();
            }
        });
    }

    private static EndpointHints hints(Object node) {
        EndpointHints hints = new EndpointHints();
        return object(node, hints, EndpointHints::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "forZones" -> hints.setForZones(list(value, EndpointSliceReader::forZone));
                case "forNodes" -> hints.setForNodes(list(value, EndpointSliceReader::forNode));
                default -> throw decline();
            }
        });
    }

    private static ForZone forZone(Object node) {
        ForZone zone = new ForZone();
        return object(node, zone, ForZone::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "name" -> zone.setName(string(value));
                default -> throw decline();
            }
        });
    }

    private static ForNode forNode(Object node) {
        ForNode forNode = new ForNode();
        return object(node, forNode, ForNode::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "name" -> forNode.setName(string(value));
                default -> throw decline();
            }
        });
    }

    private static EndpointPort port(Object node) {
        EndpointPort port = new EndpointPort();
        return object(node, port, EndpointPort::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "name" -> port.setName(string(value));
                case "port" -> port.setPort(integer(value));
                case "protocol" -> port.setProtocol(string(value));
                case "appProtocol" -> port.setAppProtocol(string(value));
                default -> throw decline();
            }
        });
    }

    private EndpointSliceReader() {}
}
