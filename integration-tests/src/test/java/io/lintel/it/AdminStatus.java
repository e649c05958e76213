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
}
