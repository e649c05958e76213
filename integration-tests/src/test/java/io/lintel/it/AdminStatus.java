package io.lintel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.stream.StreamSupport;

/** What the end-to-end tests read of the admin server's {@code /status}: items, conditions, features, problems. */
final class AdminStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminStatus() {}

    static JsonNode fetch(int adminPort) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + adminPort + "/status");
        return JSON.readTree(ItHttp.send(HttpRequest.newBuilder(uri)).body());
    }

    /** The status item of that kind and name, or null. */
    static JsonNode item(JsonNode status, String kind, String name) {
        return StreamSupport.stream(status.path("items").spliterator(), false)
                .filter(item -> item.path("kind").asText().equals(kind))
                .filter(item -> item.at("/metadata/name").asText().equals(name))
                .findFirst().orElse(null);
    }

    /** The {@code supportedFeatures} names of GatewayClass {@code lintel}. */
    static List<String> supportedFeatures(JsonNode status) {
        JsonNode features = item(status, "GatewayClass", "lintel").at("/status/supportedFeatures");
        return StreamSupport.stream(features.spliterator(), false).map(feature -> feature.path("name").asText())
                .toList();
    }

    static JsonNode condition(JsonNode conditions, String type) {
        return StreamSupport.stream(conditions.spliterator(), false)
                .filter(c -> c.path("type").asText().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no condition " + type + " in " + conditions));
    }

    /** {@code resource: field: message} of each problem. */
    static List<String> problems(JsonNode status) {
        return StreamSupport.stream(status.path("problems").spliterator(), false)
                .map(problem -> problem.path("resource").asText() + ": " + problem.path("field").asText() + ": "
                        + problem.path("message").asText())
                .toList();
    }

    /** Listener {@code listener} of Gateway {@code gateway}'s status. */
    static JsonNode listener(JsonNode status, String gateway, String listener) {
        JsonNode item = item(status, "Gateway", gateway);
        if (item == null) {
            throw new AssertionError("no status for Gateway " + gateway);
        }
        return StreamSupport.stream(item.at("/status/listeners").spliterator(), false)
                .filter(l -> l.path("name").asText().equals(listener))
                .findFirst().orElseThrow(() -> new AssertionError("no listener " + listener + " in " + item));
    }

    /** The kinds of a listener's {@code supportedKinds}. */
    static List<String> supportedKinds(JsonNode status, String gateway, String listener) {
        return StreamSupport.stream(listener(status, gateway, listener).path("supportedKinds").spliterator(), false)
                .map(kind -> kind.path("kind").asText()).toList();
    }

    /** A listener condition's status, with {@code /reason} when False. */
    static String listenerCondition(JsonNode status, String gateway, String listener, String type) {
        JsonNode condition = condition(listener(status, gateway, listener).path("conditions"), type);
        return condition.path("status").asText().equals("False")
                ? "False/" + condition.path("reason").asText() : condition.path("status").asText();
    }

    static String listenerMessage(JsonNode status, String gateway, String listener, String type) {
        return condition(listener(status, gateway, listener).path("conditions"), type).path("message").asText();
    }

    /** The status of a condition of the only parent of route {@code kind}/{@code name}. */
    static String onlyParentCondition(JsonNode status, String kind, String name, String type) {
        JsonNode route = item(status, kind, name);
        if (route == null) {
            throw new AssertionError("no status for " + kind + " " + name);
        }
        JsonNode parents = route.at("/status/parents");
        if (parents.size() != 1) {
            throw new AssertionError("expected one parent in " + route);
        }
        return condition(parents.get(0).path("conditions"), type).path("status").asText();
    }
}
