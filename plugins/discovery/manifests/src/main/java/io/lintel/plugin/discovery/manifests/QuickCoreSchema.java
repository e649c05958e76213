package io.lintel.plugin.discovery.manifests;

import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * YAML 1.2's core schema with a shortcut: a plain scalar that cannot be a null, boolean, integer or float is a string
 * without trying the schema's regular expressions. Most scalars of a manifest are such names, paths and hostnames;
 * trying the expressions on each (a {@code Matcher} per try) was a third of the parser's allocation at start-up with
 * thousands of files.
 */
final class QuickCoreSchema implements Schema {

    /** Longer than {@code false}, {@code +.inf} and the rest of the schema's words. */
    private static final int LONGEST_WORD = 5;
    /** The schema's words that start with a letter: its nulls and booleans. */
    private static final Set<String> WORDS = Set.of("null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
            "FALSE");

    private final CoreSchema core = new CoreSchema();
    /** Built once: CoreSchema builds a resolver (a map of compiled expressions) on every call of its getter. */
    private final ScalarResolver coreResolver = core.getScalarResolver();
    private final ScalarResolver resolver = this::resolve;

    @Override
    public ScalarResolver getScalarResolver() {
        return resolver;
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        return core.getSchemaTagConstructors();
    }

    private Tag resolve(String value, Boolean implicit) {
        if (implicit && cannotBeNumberOrWord(value)) {
            return Tag.STR;
        }
        return coreResolver.resolve(value, implicit);
    }

    /**
     * Whether {@code value} starts with a letter and is none of the schema's words ({@code null}, {@code true},
     * {@code false} in their spellings), or is too long for those words and holds a character no integer
     * (decimal, {@code 0o} octal, {@code 0x} hexadecimal) or float can hold. Numbers start with a digit, a sign or a
     * dot; a {@code $} first is left to the schema (environment variables).
     */
    static boolean cannotBeNumberOrWord(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')) {
            // names, namespaces, types and filters start with n, t or f too: one word lookup instead of the schema's
            // expression (a Matcher each; ~12 a route file)
            return "nNtTfF".indexOf(first) < 0 || !WORDS.contains(value);
        }
        if (value.length() <= LONGEST_WORD || first == '$') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!numeric(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean numeric(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                || c == '+' || c == '-' || c == '.' || c == 'x' || c == 'X' || c == 'o';
    }
}
