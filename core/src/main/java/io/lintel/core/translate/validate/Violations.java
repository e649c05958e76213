package io.lintel.core.translate.validate;

import java.util.ArrayList;
import java.util.List;

/** Collects violations while a document is checked; not thread-safe, one per document. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public void add(String fieldPath, String message) {
        found.add(new Violation(fieldPath, message));
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

    static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }
}
