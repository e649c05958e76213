package io.lintel.core.cli;

import static io.lintel.core.cli.JsonTree.maps;
import static io.lintel.core.cli.JsonTree.number;
import static io.lintel.core.cli.JsonTree.text;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How a backend of {@code /explain} or {@code /backends} reads in text: name, health, endpoints. */
final class BackendText {

    private BackendText() {}

    /** E.g. {@code default/shop:80: 1/2 endpoints healthy (10.0.0.7:8080, 10.0.0.8:8080 ejected)}. */
    static String describe(Map<String, Object> backend) {
        List<Map<String, Object>> endpoints = maps(backend.get("endpoints"));
        StringBuilder text = new StringBuilder(text(backend, "name"));
        if (backend.containsKey("weight")) {
            text.append(" (weight ").append(number(backend, "weight")).append(')');
        }
        text.append(": ");
        long errorStatus = number(backend, "errorStatus");
        if (errorStatus != 0) {
            return text.append("invalid reference, requests that pick it get ").append(errorStatus).toString();
        }
        text.append(health(endpoints)).append(" endpoints healthy");
        if (!endpoints.isEmpty()) {
            text.append(endpoints.stream().map(BackendText::endpoint).collect(Collectors.joining(", ", " (", ")")));
        }
        return text.toString();
    }

    /** {@code healthy/total}. */
    static String health(List<Map<String, Object>> endpoints) {
        long healthy = endpoints.stream().filter(endpoint -> !Boolean.TRUE.equals(endpoint.get("ejected"))).count();
        return healthy + "/" + endpoints.size();
    }

    static String endpoint(Map<String, Object> endpoint) {
        String address = text(endpoint, "address");
        String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return host + ":" + number(endpoint, "port") + (Boolean.TRUE.equals(endpoint.get("ejected")) ? " ejected" : "");
    }
}
