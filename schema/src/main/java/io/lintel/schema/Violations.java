package io.lintel.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** Collects violations while one document is checked; not thread-safe, one per document. */
public final class Violations {

    private final String document;
    private final boolean closeEveryObject;
    private final List<Violation> found = new ArrayList<>();

    /**
     * @param document how an unknown field's message names what the field is not part of, e.g.
     *     {@code TCPRoute gateway.networking.k8s.io/v1} (kind and apiVersion, the words of core's decoder)
     */
    public Violations(String document) {
        this(document, false);
    }

    private Violations(String document, boolean closeEveryObject) {
        this.document = requireNonNull(document, "document");
        this.closeEveryObject = closeEveryObject;
    }

    /**
     * Violations of a check that treats every {@link ObjectSchema} as {@link ObjectSchema#closed() closed}: what a
     * plugin needs that validates, with schemas written open for core (whose decoder reports unknown fields of its own
     * kinds), a kind no typed model decodes.
     */
    public static Violations closingEveryObject(String document) {
        return new Violations(document, true);
    }

    /** Whether every object is checked as closed ({@link #closingEveryObject}). */
    public boolean closesEveryObject() {
        return closeEveryObject;
    }

    public void add(String fieldPath, String message) {
        found.add(new Violation(fieldPath, message));
    }

    /** A field no schema knows, as core reports one of its own kinds. */
    public void unknownField(String fieldPath, String name) {
        add(fieldPath, "unknown field \"" + name + "\" (not part of " + document + ")");
    }

    /** How many violations were found so far (without copying them). */
    public int count() {
        return found.size();
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    /** {@code path.name}, or {@code name} at the root. */
    public static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** {@code path[i]}. */
    public static String index(String path, int i) {
        return path + "[" + i + "]";
    }
}
