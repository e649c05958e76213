package io.lintel.plugin.discovery.manifests;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.LoadSettingsBuilder;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Turns the text of one YAML or JSON manifest (a file, a Consul KV value; JSON is YAML 1.2, so one parser reads
 * both) into Kubernetes documents, each with the line it starts on. Shared by the config source plugins, each of
 * which ships its own copy of this library.
 *
 * <p>Documents are separated by {@code ---}; empty ones are skipped; {@code kind: List} documents contribute their
 * {@code items}. A document lacking {@code apiVersion}, {@code kind} or {@code metadata.name} becomes a problem and
 * the text's other documents are kept. A syntax error fails the whole text. Namespaced kinds without
 * {@code metadata.namespace} get {@code default}, written into the content too, as the API server would; cluster-scoped
 * kinds get the namespace {@code ""}. Content is an unmodifiable tree with string keys.
 */
public final class ManifestParser {

    /** Kinds that live outside namespaces (Kubernetes and Gateway API). */
    public static final Set<String> CLUSTER_SCOPED_KINDS = Set.of(
            "GatewayClass", "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Node",
            "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass", "APIService",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "CSIDriver", "CSINode", "VolumeAttachment", "ComponentStatus",
            "CertificateSigningRequest", "ClusterIssuer");

    public static final String DEFAULT_NAMESPACE = "default";

    /**
     * What a text held.
     *
     * @param documents the well-formed documents, in text order
     * @param problems problems with single documents (the others are still good)
     * @param syntaxError set when the text as a whole cannot be read; then documents and problems are empty
     */
    public record ParsedManifests(List<KubernetesDocument> documents, List<ConfigProblem> problems, Optional<ConfigProblem> syntaxError) {

        public ParsedManifests {
            documents = List.copyOf(requireNonNull(documents, "documents"));
            problems = List.copyOf(requireNonNull(problems, "problems"));
            requireNonNull(syntaxError, "syntaxError");
        }
    }

    /**
     * Shared: building a schema compiles its scalar resolvers' regular expressions, which cost more than parsing a
     * small manifest; a schema is only read once built.
     */
    private static final QuickCoreSchema SCHEMA = new QuickCoreSchema();

    /**
     * One settings builder per parsing thread: a new builder compiles a JSON schema of its own (its default) before
     * {@code setSchema} replaces it, which with thousands of small files cost more than parsing them.
     */
    private static final ThreadLocal<LoadSettingsBuilder> SETTINGS = ThreadLocal.withInitial(
            () -> LoadSettings.builder().setSchema(SCHEMA).setAllowDuplicateKeys(false));

    private ManifestParser() {}

    /** Parses {@code text}, read from {@code origin} (which names the file or key in locations and messages). */
    public static ParsedManifests parse(String origin, String text) {
        LoadSettings settings = SETTINGS.get().setLabel(origin).build();
        List<KubernetesDocument> documents = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            for (Node root : new Compose(settings).composeAllFromString(text)) {
                Object value = new StandardConstructor(settings).constructSingleDocument(Optional.of(root));
                new DocumentReader(origin, documents, problems).read(root, value);
            }
        } catch (YamlEngineException e) {
            return new ParsedManifests(List.of(), List.of(), Optional.of(syntaxError(origin, e)));
        }
        reportDuplicates(documents, problems);
        return new ParsedManifests(documents, problems, Optional.empty());
    }

    private static ConfigProblem syntaxError(String origin, YamlEngineException e) {
        int line = 0;
        String message = e.getMessage();
        if (e instanceof MarkedYamlEngineException marked) {
            Optional<Mark> mark = marked.getProblemMark().or(marked::getContextMark);
            line = mark.map(m -> m.getLine() + 1).orElse(0);
            String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
            message = context + marked.getProblem();
        }
        return new ConfigProblem(new SourceLocation(origin, line), Optional.empty(), "",
                "cannot parse: " + message.strip() + " (expected: YAML or JSON documents separated by ---)");
    }

    private static void reportDuplicates(List<KubernetesDocument> documents, List<ConfigProblem> problems) {
        Map<ResourceKey, KubernetesDocument> seen = new HashMap<>();
        for (KubernetesDocument document : documents) {
            KubernetesDocument earlier = seen.put(document.key(), document);
            if (earlier != null) {
                problems.add(new ConfigProblem(document.location(), Optional.of(document.key()), "",
                        "defined again (first at line " + earlier.location().line()
                                + "); using this later definition (expected: each resource once per file or key)"));
            }
        }
    }

    /** Reads one document (or the items of a List) into documents and problems. */
    private record DocumentReader(String origin, List<KubernetesDocument> documents, List<ConfigProblem> problems) {

        void read(Node root, Object value) {
            if (value == null) {
                return;
            }
            SourceLocation location = locationOf(root);
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(new ConfigProblem(location, Optional.empty(), "",
                        "a document is a " + typeName(value) + " (expected: a mapping with apiVersion, kind and metadata)"));
                return;
            }
            if ("List".equals(map.get("kind"))) {
                readList(root, map, location);
                return;
            }
            readObject(map, location, "");
        }

        private void readList(Node root, Map<?, ?> list, SourceLocation location) {
            Object items = list.get("items");
            if (items == null) {
                return;
            }
            if (!(items instanceof List<?> itemList)) {
                problems.add(new ConfigProblem(location, Optional.empty(), "items",
                        "is a " + typeName(items) + " (expected: a sequence of objects)"));
                return;
            }
            List<Node> itemNodes = itemNodes(root);
            for (int i = 0; i < itemList.size(); i++) {
                SourceLocation itemLocation = i < itemNodes.size() ? locationOf(itemNodes.get(i)) : location;
                String path = "items[" + i + "].";
                if (itemList.get(i) instanceof Map<?, ?> item) {
                    readObject(item, itemLocation, path);
                } else {
                    problems.add(new ConfigProblem(itemLocation, Optional.empty(), "items[" + i + "]",
                            "is a " + typeName(itemList.get(i)) + " (expected: an object with apiVersion, kind and metadata)"));
                }
            }
        }

        private void readObject(Map<?, ?> raw, SourceLocation location, String pathPrefix) {
            Map<String, Object> content = toStringKeys(raw);
            Optional<String> apiVersion = requiredString(content.get("apiVersion"), location, pathPrefix + "apiVersion",
                    "a string such as gateway.networking.k8s.io/v1");
            Optional<String> kind = requiredString(content.get("kind"), location, pathPrefix + "kind",
                    "a string such as HTTPRoute");
            Object metadataValue = content.get("metadata");
            if (!(metadataValue instanceof Map<?, ?>)) {
                problems.add(new ConfigProblem(location, Optional.empty(), pathPrefix + "metadata",
                        (metadataValue == null ? "missing" : "is a " + typeName(metadataValue))
                                + " (expected: a mapping with at least name)"));
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) metadataValue;
            Optional<String> name = requiredString(metadata.get("name"), location, pathPrefix + "metadata.name",
                    "a non-empty string");
            Object namespaceValue = metadata.get("namespace");
            if (namespaceValue != null && !(namespaceValue instanceof String)) {
                problems.add(new ConfigProblem(location, Optional.empty(), pathPrefix + "metadata.namespace",
                        "is a " + typeName(namespaceValue) + " (expected: a string)"));
                return;
            }
            if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
                return;
            }
            String namespace;
            if (CLUSTER_SCOPED_KINDS.contains(kind.get())) {
                namespace = "";
            } else if (namespaceValue == null || ((String) namespaceValue).isEmpty()) {
                namespace = DEFAULT_NAMESPACE;
                metadata.put("namespace", namespace);
            } else {
                namespace = (String) namespaceValue;
            }
            ResourceKey key = new ResourceKey(ResourceKey.groupOf(apiVersion.get()), kind.get(), namespace, name.get());
            documents.add(new KubernetesDocument(key, apiVersion.get(), freeze(content), location));
        }

        private Optional<String> requiredString(Object value, SourceLocation location, String fieldPath, String expected) {
            if (value instanceof String text && !text.isEmpty()) {
                return Optional.of(text);
            }
            problems.add(new ConfigProblem(location, Optional.empty(), fieldPath,
                    (value == null ? "missing" : "is " + (value instanceof String ? "empty" : "a " + typeName(value)))
                            + " (expected: " + expected + ")"));
            return Optional.empty();
        }

        private SourceLocation locationOf(Node node) {
            return new SourceLocation(origin, node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0));
        }
    }

    private static List<Node> itemNodes(Node root) {
        if (root instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && "items".equals(key.getValue())
                        && tuple.getValueNode() instanceof SequenceNode items) {
                    return items.getValue();
                }
            }
        }
        return List.of();
    }

    /** A mutable copy with string keys everywhere, as JSON would have them. */
    private static Map<String, Object> toStringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), toStringKeysValue(value)));
        return copy;
    }

    private static Object toStringKeysValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return toStringKeys(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(toStringKeysValue(item)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeze(Map<String, Object> map) {
        map.replaceAll((key, value) -> freezeValue(value));
        return map.size() <= CompactMap.MAX_SIZE ? new CompactMap(map) : Collections.unmodifiableMap(map);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freeze((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            items.replaceAll(ManifestParser::freezeValue);
            // List.copyOf is exact-sized and has no wrapper, but refuses nulls (a YAML list may hold one)
            return items.contains(null) ? Collections.unmodifiableList(items) : List.copyOf(items);
        }
        return value;
    }

    private static String typeName(Object value) {
        if (value instanceof Map<?, ?>) {
            return "mapping";
        }
        if (value instanceof List<?>) {
            return "sequence";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return value.getClass().getSimpleName();
    }
}
