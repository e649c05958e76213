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
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

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
 *
 * <p>A text is hostile input (the file source is the API server of a VM): {@link Limits} bound what one text may
 * hold, checked on the parser's event stream before anything is built from it, so a text past a limit costs at most
 * the parsing up to that point and fails as a whole (like a syntax error) with a message naming the limit. The
 * reader's buffer is large enough that a long line costs linear time (snakeyaml-engine copies its window once per
 * buffer fill: with the default 1 KiB buffer a 4 MiB line took 6.5 s, with 64 KiB 0.2 s).
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
    public record ParsedManifests(List<KubernetesDocument> documents, List<ConfigProblem> problems,
            Optional<ConfigProblem> syntaxError, boolean limitExceeded) {

        public ParsedManifests {
            documents = List.copyOf(requireNonNull(documents, "documents"));
            problems = List.copyOf(requireNonNull(problems, "problems"));
            requireNonNull(syntaxError, "syntaxError");
        }

        public ParsedManifests(List<KubernetesDocument> documents, List<ConfigProblem> problems,
                Optional<ConfigProblem> syntaxError) {
            this(documents, problems, syntaxError, false);
        }
    }

    /**
     * What one text may hold. Each limit has the name of the setting that changes it (the file source's
     * {@code --source-setting} keys), which messages quote.
     *
     * @param maxDocuments YAML documents in one text ({@value #MAX_DOCUMENTS})
     * @param maxNestingDepth mappings and sequences nested in one another ({@value #MAX_NESTING_DEPTH}); a text nested
     *     10 000 deep overflowed the stack of the recursive composer
     * @param maxScalarBytes the UTF-8 size of one scalar, key or value ({@value #MAX_SCALAR_BYTES})
     * @param maxAliases aliases ({@code *name}) in one text ({@value #MAX_ALIASES}); besides, the collections they
     *     repeat may add at most {@code maxAliases} x {@value #ALIAS_EXPANSION_PER_ALIAS} nodes to the text's own (a
     *     "billion laughs" text is refused instead of expanded)
     */
    public record Limits(int maxDocuments, int maxNestingDepth, int maxScalarBytes, int maxAliases) {

        public static final String MAX_DOCUMENTS = "maxDocuments";
        public static final String MAX_NESTING_DEPTH = "maxNestingDepth";
        public static final String MAX_SCALAR_BYTES = "maxScalarBytes";
        public static final String MAX_ALIASES = "maxAliases";
        public static final int ALIAS_EXPANSION_PER_ALIAS = 1000;

        /** The production defaults. */
        public static final Limits DEFAULTS = new Limits(10_000, 64, 1 << 20, 100);

        public Limits {
            positive(MAX_DOCUMENTS, maxDocuments);
            positive(MAX_NESTING_DEPTH, maxNestingDepth);
            positive(MAX_SCALAR_BYTES, maxScalarBytes);
            if (maxAliases < 0) {
                throw new IllegalArgumentException(MAX_ALIASES + ": " + maxAliases + " (expected: 0 or more)");
            }
        }

        private static void positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: a positive number)");
            }
        }

        long maxAliasExpansion() {
            return (long) maxAliases * ALIAS_EXPANSION_PER_ALIAS;
        }
    }

    /** A text past one of the {@link Limits}; {@code line} 1-based, 0 when unknown. */
    private static final class LimitExceeded extends RuntimeException {
        final int line;

        LimitExceeded(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** Large enough that a long line is read in few window copies (see the class comment), small for small texts. */
    private static final int MAX_BUFFER = 64 * 1024;

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

    /**
     * Parses {@code text}, read from {@code origin} (which names the file or key in locations and messages), within
     * the default {@link Limits}.
     */
    public static ParsedManifests parse(String origin, String text) {
        return parse(origin, text, Limits.DEFAULTS);
    }

    /** Parses {@code text} within {@code limits}; a text past one is refused whole, as a syntax error is. */
    public static ParsedManifests parse(String origin, String text, Limits limits) {
        return parse(origin, text, limits, true);
    }

    /** As {@link #parse(String, String, Limits)} with snakeyaml-engine alone: the reference for the subset reader. */
    static ParsedManifests parseWithEngine(String origin, String text, Limits limits) {
        return parse(origin, text, limits, false);
    }

    private static ParsedManifests parse(String origin, String text, Limits limits, boolean subsetFirst) {
        List<KubernetesDocument> documents = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            List<YamlSubsetReader.Document> common = subsetFirst ? YamlSubsetReader.read(text, limits, SCHEMA) : null;
            if (common != null) {
                DocumentReader reader = new DocumentReader(origin, documents, problems, limits, null);
                for (YamlSubsetReader.Document document : common) {
                    reader.read(document.line(), document.value(), document.itemLines());
                }
            } else {
                readWithEngine(origin, text, limits, documents, problems);
            }
        } catch (LimitExceeded e) {
            return new ParsedManifests(List.of(), List.of(),
                    Optional.of(new ConfigProblem(new SourceLocation(origin, e.line), Optional.empty(), "", e.getMessage())),
                    true);
        } catch (YamlEngineException e) {
            return new ParsedManifests(List.of(), List.of(), Optional.of(syntaxError(origin, e)));
        }
        reportDuplicates(documents, problems);
        return new ParsedManifests(documents, problems, Optional.empty());
    }

    /** Reads a text outside {@link YamlSubsetReader}'s subset (or with an error) with snakeyaml-engine. */
    private static void readWithEngine(String origin, String text, Limits limits, List<KubernetesDocument> documents,
            List<ConfigProblem> problems) {
        LoadSettings settings = SETTINGS.get().setLabel(origin)
                .setBufferSize(Math.max(1024, Math.min(text.length() + 1, MAX_BUFFER)))
                // the snakeyaml-engine limits are set past ours, so that ours (with their setting names) apply
                .setCodePointLimit(Integer.MAX_VALUE)
                .setMaxAliasesForCollections(Math.max(limits.maxAliases(), 1))
                .build();
        LimitedParser parser = new LimitedParser(new ParserImpl(settings, new StreamReader(settings, text)), limits);
        Composer composer = new Composer(settings, parser);
        while (composer.hasNext()) {
            Node root = composer.next();
            Object value = new StandardConstructor(settings).constructSingleDocument(Optional.of(root));
            new DocumentReader(origin, documents, problems, limits, new CopyBudget(parser.documentNodes, limits))
                    .read(lineOf(root), value, itemNodes(root).stream().map(ManifestParser::lineOf).toList());
        }
    }

    private static int lineOf(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    /**
     * Checks the {@link Limits} on each event as the parser produces it, before the (recursive) composer sees it: a
     * text nested too deep is refused before the composer could overflow the stack, a huge scalar or too many
     * documents before the nodes are built.
     */
    private static final class LimitedParser implements Parser {
        private final Parser parser;
        private final Limits limits;
        private Event checked;
        private int depth;
        private int documents;
        private int aliases;
        /** Nodes of the current document as written (aliases count one). */
        long documentNodes;

        LimitedParser(Parser parser, Limits limits) {
            this.parser = parser;
            this.limits = limits;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return parser.checkEvent(id) && check(parser.peekEvent()) != null;
        }

        @Override
        public Event peekEvent() {
            return check(parser.peekEvent());
        }

        @Override
        public Event next() {
            return check(parser.next());
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        /** Checks each event once (the composer peeks at an event before it takes it). */
        private Event check(Event event) {
            if (event == checked) {
                return event;
            }
            checked = event;
            switch (event.getEventId()) {
                case DocumentStart -> {
                    documentNodes = 0;
                    if (++documents > limits.maxDocuments()) {
                        throw exceeded(event, "holds more than " + limits.maxDocuments() + " documents ("
                                + Limits.MAX_DOCUMENTS + ")");
                    }
                }
                case MappingStart, SequenceStart -> {
                    documentNodes++;
                    if (++depth > limits.maxNestingDepth()) {
                        throw exceeded(event, "nests mappings and sequences more than " + limits.maxNestingDepth()
                                + " deep (" + Limits.MAX_NESTING_DEPTH + ")");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                case Scalar -> {
                    documentNodes++;
                    String value = ((ScalarEvent) event).getValue();
                    if (value.length() > limits.maxScalarBytes() / 3 && utf8Length(value) > limits.maxScalarBytes()) {
                        throw exceeded(event, "holds a scalar of " + Sizes.of(utf8Length(value)) + ", more than "
                                + Limits.MAX_SCALAR_BYTES + " (" + Sizes.of(limits.maxScalarBytes()) + ")");
                    }
                }
                case Alias -> {
                    documentNodes++;
                    if (++aliases > limits.maxAliases()) {
                        throw exceeded(event, "holds more than " + limits.maxAliases() + " aliases ("
                                + Limits.MAX_ALIASES + ")");
                    }
                }
                default -> { }
            }
            return event;
        }

        private static LimitExceeded exceeded(Event event, String message) {
            return new LimitExceeded(event.getStartMark().map(mark -> mark.getLine() + 1).orElse(0), message);
        }
    }

    private static long utf8Length(String value) {
        long bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4
        }
        return bytes;
    }

    /**
     * Bounds the nodes a document's content tree may have once its aliases are expanded (the copy below repeats an
     * aliased collection at each use): the document's own nodes plus {@code maxAliases} x
     * {@value Limits#ALIAS_EXPANSION_PER_ALIAS}.
     */
    private static final class CopyBudget {
        private final long max;
        private final Limits limits;
        private long used;

        CopyBudget(long documentNodes, Limits limits) {
            this.max = documentNodes + limits.maxAliasExpansion();
            this.limits = limits;
        }

        void spend(int line) {
            if (++used > max) {
                throw new LimitExceeded(line, "has aliases that expand to more than " + limits.maxAliasExpansion()
                        + " nodes (" + Limits.MAX_ALIASES + " x " + Limits.ALIAS_EXPANSION_PER_ALIAS + ")");
            }
        }
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

    /**
     * Reads one document (or the items of a List) into documents and problems. {@code budget} is null for a tree
     * with string keys already and no aliases (one from {@link YamlSubsetReader}), which is then used as it is.
     */
    private record DocumentReader(String origin, List<KubernetesDocument> documents, List<ConfigProblem> problems,
            Limits limits, CopyBudget budget) {

        void read(int line, Object value, List<Integer> itemLines) {
            if (value == null) {
                return;
            }
            SourceLocation location = new SourceLocation(origin, line);
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(new ConfigProblem(location, Optional.empty(), "",
                        "a document is a " + typeName(value) + " (expected: a mapping with apiVersion, kind and metadata)"));
                return;
            }
            if ("List".equals(map.get("kind"))) {
                readList(itemLines, map, location);
                return;
            }
            readObject(map, location, "");
        }

        private void readList(List<Integer> itemLines, Map<?, ?> list, SourceLocation location) {
            Object items = list.get("items");
            if (items == null) {
                return;
            }
            if (!(items instanceof List<?> itemList)) {
                problems.add(new ConfigProblem(location, Optional.empty(), "items",
                        "is a " + typeName(items) + " (expected: a sequence of objects)"));
                return;
            }
            for (int i = 0; i < itemList.size(); i++) {
                SourceLocation itemLocation = i < itemLines.size() ? new SourceLocation(origin, itemLines.get(i)) : location;
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
            if (documents.size() + problems.size() >= limits.maxDocuments()) {
                throw new LimitExceeded(location.line(), "holds more than " + limits.maxDocuments()
                        + " documents, counting List items (" + Limits.MAX_DOCUMENTS + ")");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> content = budget == null ? (Map<String, Object>) raw
                    : toStringKeys(raw, budget, location.line());
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

    /** A mutable copy with string keys everywhere, as JSON would have them; aliased collections are copied per use. */
    private static Map<String, Object> toStringKeys(Map<?, ?> map, CopyBudget budget, int line) {
        budget.spend(line);
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) ->
                copy.put(StringCanon.canon(String.valueOf(key)), toStringKeysValue(value, budget, line)));
        return copy;
    }

    private static Object toStringKeysValue(Object value, CopyBudget budget, int line) {
        if (value instanceof Map<?, ?> map) {
            return toStringKeys(map, budget, line);
        }
        budget.spend(line);
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(toStringKeysValue(item, budget, line)));
            return copy;
        }
        return value instanceof String string ? StringCanon.canon(string) : value;
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
