package io.lintel.core.admin;

import io.lintel.core.ir.Ir;
import io.lintel.core.status.ResourceStatus;
import io.lintel.spi.config.ConfigProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the admin server's JSON documents. {@code /status} lists every computed status as the Kubernetes object
 * it belongs to (what the conformance runner and {@code kubectl}-minded users expect); {@code /config} is the IR
 * as Jackson serialises records, so filter specs show their record components. Both are streamed to an
 * {@link OutputStream} (the admin server's chunked response) rather than built as one array, and may be narrowed to
 * some resources by a {@link ResourceFilter}. Thread-safe.
 */
final class AdminJson {

    /**
     * Built on the first {@code /status} or {@code /config} request, not when the admin server starts: building it
     * loads ~500 Jackson classes, on the start-up path before /ready otherwise.
     *
     * <p>Jackson 3 (the one fabric8 brings to lib/ anyway), so that core ships no Jackson 2 databind (2.5 MB).
     * Optional and java.time are built in; the settings below keep the bytes Jackson 2 with the jdk8 and jsr310
     * modules wrote (AdminJsonTest compares them): Jackson 3 sorts properties alphabetically and writes enums with
     * toString() unless told otherwise.
     */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
            // Durations in filter specs (timeouts, backoff) read better as PT1.5S than as 1.500000000.
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A plugin's spec without components (a marker record) must not fail the whole document.
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    }

    byte[] status(List<ResourceStatus> statuses, List<ConfigProblem> problems) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeStatus(out, statuses, problems, ResourceFilter.ALL);
        return out.toByteArray();
    }

    byte[] config(Ir ir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeConfig(out, ir, ResourceFilter.ALL);
        return out.toByteArray();
    }

    /**
     * Writes {@code {"items": [...], "problems": [...]}} item by item, so that memory stays proportional to one item
     * however many there are. Unfiltered, the bytes are those of the whole document serialised at once (what the
     * conformance runner and earlier releases read). Filtered, {@code items} lists the selected resources and
     * {@code problems} those about a selected resource.
     */
    void writeStatus(OutputStream out, List<ResourceStatus> statuses, List<ConfigProblem> problems, ResourceFilter filter)
            throws IOException {
        writeStatus(out, statuses, problems, filter, EndpointHealthView.NONE);
    }

    /**
     * As {@link #writeStatus(OutputStream, List, List, ResourceFilter)}; a service policy whose checks have verdicts
     * gets them as {@code endpoints} next to its {@code status} (live, so not part of the status written back).
     */
    void writeStatus(OutputStream out, List<ResourceStatus> statuses, List<ConfigProblem> problems, ResourceFilter filter,
            EndpointHealthView health) throws IOException {
        try (JsonGenerator generator = Mapper.INSTANCE.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeName("items");
            generator.writeStartArray();
            for (ResourceStatus status : statuses) {
                if (filter.matches(status.key())) {
                    Map<String, Object> item = item(status);
                    health.endpoints(status.key()).ifPresent(endpoints -> item.put("endpoints", endpoints));
                    Mapper.INSTANCE.writeValue(generator, item);
                }
            }
            generator.writeEndArray();
            generator.writeName("problems");
            generator.writeStartArray();
            for (ConfigProblem problem : problems) {
                if (filter.selectsAll() || problem.resource().filter(filter::matches).isPresent()) {
                    Mapper.INSTANCE.writeValue(generator, problem(problem));
                }
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    /** Writes the IR (the part of it {@code filter} selects, see {@link ResourceFilter#select}) as it is serialised. */
    void writeConfig(OutputStream out, Ir ir, ResourceFilter filter) throws IOException {
        writeConfig(out, ir, filter, Map.of());
    }

    /** As {@link #writeConfig(OutputStream, Ir, ResourceFilter)}, with active checks' verdicts as {@code endpointHealth}. */
    void writeConfig(OutputStream out, Ir ir, ResourceFilter filter, Map<String, Boolean> endpointHealth)
            throws IOException {
        try (JsonGenerator generator = Mapper.INSTANCE.createGenerator(out)) {
            if (endpointHealth.isEmpty()) {
                Mapper.INSTANCE.writeValue(generator, filter.select(ir));
            } else {
                // only with active checks: the IR as a tree, once, to add the live verdicts beside it
                ObjectNode tree = Mapper.INSTANCE.valueToTree(filter.select(ir));
                tree.set("endpointHealth", Mapper.INSTANCE.valueToTree(endpointHealth));
                Mapper.INSTANCE.writeValue(generator, tree);
            }
        }
    }

    private static Map<String, Object> item(ResourceStatus status) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", status.key().name());
        if (!status.key().namespace().isEmpty()) {
            metadata.put("namespace", status.key().namespace());
        }
        if (status.generation() > 0) {
            metadata.put("generation", status.generation());
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("apiVersion", status.apiVersion());
        item.put("kind", status.key().kind());
        item.put("metadata", metadata);
        item.put("status", status.status());
        return item;
    }

    private static Map<String, Object> problem(ConfigProblem problem) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("location", problem.location().toString());
        entry.put("resource", problem.resource().map(Object::toString).orElse(null));
        entry.put("field", problem.fieldPath());
        entry.put("message", problem.message());
        return entry;
    }
}
