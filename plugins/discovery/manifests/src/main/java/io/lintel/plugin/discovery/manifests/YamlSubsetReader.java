package io.lintel.plugin.discovery.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the YAML that manifests are almost always written in — block and flow mappings and sequences, plain and
 * single-line quoted scalars, comments, {@code ---} between documents, JSON — straight into the content tree, and
 * gives up ({@code null}) on anything else: anchors, aliases, tags, block scalars ({@code |}, {@code >}), scalars
 * continued on another line, complex keys, directives, tabs, duplicate keys, a limit of {@link ManifestParser.Limits}
 * reached, or anything it does not recognise. {@link ManifestParser} then reads the text with snakeyaml-engine, whose
 * result (or error message) is the reference: for a text this reader accepts, both give equal documents
 * ({@code YamlSubsetReaderTest} compares them).
 *
 * <p>Why: with 10 000 route files, snakeyaml-engine's scanner, parser, composer and constructor (four passes, a node
 * graph and a map per mapping before ours) took ~3 s of a ~9 s start, most of it in code not yet compiled; one pass
 * over the characters with a few small methods is compiled after a few files.
 *
 * <p>Scalars resolve as in YAML 1.2's core schema ({@link QuickCoreSchema}): a quoted scalar is a string, a plain
 * one may be a null, boolean, integer or float. Keys are strings (a plain key that would resolve to anything else
 * makes the reader give up, as the reference turns it into a string by its value's spelling, e.g. {@code 0x10} to
 * {@code "16"}). Strings are shared through {@link StringCanon}.
 */
final class YamlSubsetReader {

    /**
     * One document as read.
     *
     * @param value its root: a mapping, a sequence, a scalar or {@code null} for an empty document
     * @param line the 1-based line its root starts on
     * @param itemLines when the root is a mapping with an {@code items} sequence, the 1-based line each item starts on
     */
    record Document(Object value, int line, List<Integer> itemLines) {}

    /** Thrown where the text leaves the subset; cheap (no stack trace), caught in {@link #read}. */
    private static final class OutsideSubset extends RuntimeException {
        static final OutsideSubset INSTANCE = new OutsideSubset();

        private OutsideSubset() {
            super(null, null, false, false);
        }
    }

    /** Longest implicit key YAML allows. */
    private static final int MAX_KEY_LENGTH = 1024;
    private static final int END = -1;

    private final String text;
    /**
     * {@link #text}'s characters: the reader looks at each one or more times, and while it still runs interpreted (the
     * whole first read of a large configuration, at start-up) an array access costs a fraction of the call chain
     * behind {@link String#charAt} (10 000 route files: ~8x less CPU for the character check alone).
     */
    private final char[] chars;
    private final int length;
    private final ManifestParser.Limits limits;
    private final Map<Tag, ConstructNode> constructors;
    private final QuickCoreSchema schema;
    private int pos;
    /** 0-based line of {@link #pos}, and where that line starts. */
    private int line;
    private int lineStart;
    private int depth;
    /** The item lines of the sequence most recently completed (read by the root mapping for {@code items}). */
    private List<Integer> lastSequenceLines = List.of();
    /** The item lines of the current document's {@code items} sequence, when its root is a mapping. */
    private List<Integer> rootItemLines = List.of();

    private YamlSubsetReader(String text, char[] chars, ManifestParser.Limits limits, QuickCoreSchema schema) {
        this.text = text;
        this.chars = chars;
        this.length = text.length();
        this.limits = limits;
        this.schema = schema;
        this.constructors = schema.getSchemaTagConstructors();
    }

    /** The documents of {@code text}, or {@code null} when it holds anything outside the subset. */
    static List<Document> read(String text, ManifestParser.Limits limits, QuickCoreSchema schema) {
        char[] chars = text.toCharArray();
        if (!plainCharacters(chars)) {
            return null;
        }
        try {
            return new YamlSubsetReader(text, chars, limits, schema).documents();
        } catch (OutsideSubset | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * Whether the text holds only characters the reader handles alike with the reference: no tab, carriage return,
     * byte-order mark or other control or special character (the reference refuses some of them or treats them as
     * separators).
     */
    private static boolean plainCharacters(char[] chars) {
        for (char c : chars) {
            if (c < 0x20 ? c != '\n' : c >= 0x7F && (c <= 0x9F || c >= 0xD800 || c == 0x2028 || c == 0x2029)) {
                return false;
            }
        }
        return true;
    }

    private static OutsideSubset outside() {
        return OutsideSubset.INSTANCE;
    }

    private List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        int started = 0;
        boolean markerRead = false;
        while (true) {
            int indent = nextContentLine();
            if (indent == END) {
                if (pos >= length) {
                    return documents;
                }
                if (!atDocumentMarker("---")) {
                    throw outside(); // "...": rare; the reference knows what may follow it
                }
                pos += 3;
                restOfLineIsBlank();
                started++;
                markerRead = true;
                continue;
            }
            if (!markerRead) {
                started++;
            }
            if (started > limits.maxDocuments() || indent != 0) {
                throw outside();
            }
            int startLine = line + 1;
            rootItemLines = List.of();
            Object root = node(indent, -1, false);
            // empty documents are left out: the reference's are null, which ManifestParser skips
            documents.add(new Document(root, startLine, rootItemLines));
            markerRead = false;
            if (nextContentLine() != END) {
                throw outside();
            }
        }
    }

    /**
     * Moves to the first character of the next line holding content (skipping blank and comment lines) and returns
     * its column, or {@link #END} at the end of the text or at a document marker (left unread).
     */
    private int nextContentLine() {
        while (pos < length) {
            char c = chars[pos];
            if (c == ' ') {
                pos++;
            } else if (c == '\n') {
                newLine();
            } else if (c == '#') {
                skipToEndOfLine();
            } else {
                if (pos == lineStart && (atDocumentMarker("---") || atDocumentMarker("..."))) {
                    return END;
                }
                return pos - lineStart;
            }
        }
        return END;
    }

    private void newLine() {
        pos++;
        line++;
        lineStart = pos;
    }

    private void skipToEndOfLine() {
        int next = text.indexOf('\n', pos);
        pos = next < 0 ? length : next;
    }

    private boolean atDocumentMarker(String marker) {
        return pos == lineStart && text.startsWith(marker, pos)
                && (pos + 3 == length || chars[pos + 3] == ' ' || chars[pos + 3] == '\n');
    }

    /** Skips spaces and a comment to the end of the line; anything else is outside the subset. */
    private void restOfLineIsBlank() {
        boolean spaced = pos == lineStart || chars[pos - 1] == ' ';
        while (pos < length) {
            char c = chars[pos];
            if (c == '\n') {
                return;
            }
            if (c == ' ') {
                spaced = true;
                pos++;
            } else if (c == '#' && spaced) {
                skipToEndOfLine();
                return;
            } else {
                throw outside();
            }
        }
    }

    /**
     * The node at {@link #pos} (column {@code column}), in a block whose parent is indented {@code parentIndent};
     * {@code inlineValue} when it follows a key on the key's line (where a block collection cannot start).
     */
    private Object node(int column, int parentIndent, boolean inlineValue) {
        char c = chars[pos];
        if (c == '-' && separatedAt(pos + 1)) {
            if (inlineValue) {
                throw outside();
            }
            return enter(() -> blockSequence(column));
        }
        if (c == '|') {
            return literal(parentIndent);
        }
        if (c == '[' || c == '{') {
            Object value = flowNode(parentIndent);
            restOfLineIsBlank();
            endOfScalarLine(parentIndent);
            return value;
        }
        if (!scalarStart(c)) {
            throw outside();
        }
        int startLine = line;
        Object key = scalar(false);
        if (pos < length && chars[pos] == ':' && separatedAt(pos + 1)) {
            if (inlineValue || startLine != line) {
                throw outside();
            }
            return enter(() -> blockMapping(column, key));
        }
        restOfLineIsBlank();
        endOfScalarLine(parentIndent);
        return resolved(key);
    }

    private interface Collection {
        Object read();
    }

    private Object enter(Collection collection) {
        if (++depth > limits.maxNestingDepth()) {
            throw outside();
        }
        Object value = collection.read();
        depth--;
        return value;
    }

    /** After a scalar or flow collection that ends its line: a more indented line would continue it. */
    private void endOfScalarLine(int parentIndent) {
        int next = peekContentLine();
        if (next != END && next > parentIndent) {
            throw outside();
        }
    }

    /** {@link #nextContentLine()}'s column, leaving {@link #pos} where it is. */
    private int peekContentLine() {
        int saved = pos;
        int savedLine = line;
        int savedStart = lineStart;
        int next = nextContentLine();
        pos = saved;
        line = savedLine;
        lineStart = savedStart;
        return next;
    }

    private boolean separatedAt(int i) {
        return i >= length || chars[i] == ' ' || chars[i] == '\n';
    }

    /** Whether {@code c} may start a scalar this reader reads (a quote, or a plain scalar's first character). */
    private boolean scalarStart(char c) {
        if (c == '"' || c == '\'') {
            return true;
        }
        if ("?:-".indexOf(c) >= 0) {
            return !separatedAt(pos + 1);
        }
        return ",[]{}#&*!|>%@`".indexOf(c) < 0;
    }

    /**
     * A block mapping indented {@code indent} whose first key (already read, unresolved) is at {@link #pos}'s
     * {@code ':'}.
     */
    private Map<String, Object> blockMapping(int indent, Object firstKey) {
        Map<String, Object> map = new LinkedHashMap<>();
        Object key = firstKey;
        while (true) {
            String name = keyName(key);
            pos++; // ':'
            if (map.containsKey(name)) {
                throw outside(); // a duplicate key: the reference reports it
            }
            Object value = blockValue(indent);
            map.put(name, value);
            if (depth == 1 && "items".equals(name) && value instanceof List<?>) {
                rootItemLines = lastSequenceLines;
            }
            int next = nextContentLine();
            if (next == END || next < indent) {
                return map;
            }
            if (next > indent) {
                throw outside();
            }
            char c = chars[pos];
            if (!scalarStart(c)) {
                throw outside();
            }
            int keyLine = line;
            key = scalar(false);
            if (keyLine != line || pos >= length || chars[pos] != ':' || !separatedAt(pos + 1)) {
                throw outside();
            }
        }
    }

    /** The value after a block mapping's {@code key:}, on the same line or on the following ones. */
    private Object blockValue(int indent) {
        skipSpaces();
        if (pos >= length || chars[pos] == '\n' || chars[pos] == '#') {
            restOfLineIsBlank();
            int saved = pos;
            int savedLine = line;
            int savedStart = lineStart;
            int next = nextContentLine();
            if (next != END && (next > indent || next == indent && chars[pos] == '-' && separatedAt(pos + 1))) {
                return node(next, indent, false);
            }
            pos = saved;
            line = savedLine;
            lineStart = savedStart;
            return null;
        }
        return node(pos - lineStart, indent, true);
    }

    /** A block sequence indented {@code indent}, at its first {@code -}. */
    private List<Object> blockSequence(int indent) {
        List<Object> items = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        while (true) {
            pos++; // '-'
            skipSpaces();
            if (pos >= length || chars[pos] == '\n' || chars[pos] == '#') {
                restOfLineIsBlank();
                int next = nextContentLine();
                if (next == END || next <= indent) {
                    throw outside(); // an empty item: rare, and its line is the reference's to say
                }
                lines.add(line + 1);
                items.add(node(next, indent, false));
            } else {
                lines.add(line + 1);
                items.add(node(pos - lineStart, indent, false));
            }
            int next = nextContentLine();
            if (next == END || next < indent || next == indent && !(chars[pos] == '-' && separatedAt(pos + 1))) {
                lastSequenceLines = lines;
                return items;
            }
            if (next > indent) {
                throw outside();
            }
        }
    }

    private void skipSpaces() {
        while (pos < length && chars[pos] == ' ') {
            pos++;
        }
    }

    /**
     * A scalar at {@link #pos}, unresolved: a quoted one as its {@link Quoted} value, a plain one as its text. Leaves
     * {@link #pos} after it (after trailing spaces for a plain one).
     */
    private Object scalar(boolean flow) {
        char c = chars[pos];
        if (c == '"') {
            return new Quoted(doubleQuoted());
        }
        if (c == '\'') {
            return new Quoted(singleQuoted());
        }
        return plain(flow);
    }

    /**
     * A literal block scalar ({@code |}, {@code |-}, {@code |+}, its indentation found from its first line) at
     * {@link #pos}, in a block indented {@code parentIndent}: certificates and configuration files kept in Secrets and
     * ConfigMaps. Explicit indentation and folded scalars ({@code >}) are left to the reference.
     */
    private String literal(int parentIndent) {
        pos++; // '|'
        char chomping = pos < length && (chars[pos] == '-' || chars[pos] == '+') ? chars[pos++] : ' ';
        if (pos < length && chars[pos] != ' ' && chars[pos] != '\n') {
            throw outside();
        }
        restOfLineIsBlank();
        if (pos >= length) {
            throw outside();
        }
        newLine();
        int indent = -1;
        StringBuilder value = new StringBuilder();
        int breaks = 0; // line breaks after the last content line (not yet appended)
        while (pos < length) {
            int column = 0;
            while (pos + column < length && chars[pos + column] == ' ') {
                column++;
            }
            if (pos + column < length && chars[pos + column] != '\n') {
                if (indent < 0) {
                    if (column <= parentIndent || column == 0) {
                        throw outside();
                    }
                    indent = column;
                } else if (column < indent) {
                    break; // this line is the parent's: left unread, at its start
                }
                value.append("\n".repeat(breaks));
                int end = text.indexOf('\n', pos);
                if (end < 0) {
                    throw outside(); // no line break at the end of the text: the reference's to chomp
                }
                value.append(text, pos + indent, end);
                breaks = 1;
                pos = end;
            } else if (column > 0 && (indent < 0 || column > indent)) {
                throw outside(); // a line of spaces only: content or not depends on rules left to the reference
            } else if (pos + column >= length) {
                pos = length;
                break;
            } else {
                breaks++;
                pos += column;
            }
            newLine();
        }
        if (indent < 0) {
            throw outside();
        }
        String content = value.toString();
        String result = switch (chomping) {
            case '-' -> content;
            case '+' -> content + "\n".repeat(breaks);
            default -> content + "\n";
        };
        return checkedLength(result);
    }

    /** A quoted scalar's value: always a string. */
    private record Quoted(String value) {}

    private String plain(boolean flow) {
        int start = pos;
        int end = pos;
        while (pos < length) {
            char c = chars[pos];
            if (c == '\n') {
                break;
            }
            if (c == ':' && (separatedAt(pos + 1) || flow)) {
                if (flow && !separatedAt(pos + 1) && ",[]{}".indexOf(chars[pos + 1]) < 0) {
                    throw outside(); // "a:b" in a flow collection: the reference's rules differ by version
                }
                break;
            }
            if (c == '#' && chars[pos - 1] == ' ') {
                break;
            }
            if (flow && ",[]{}".indexOf(c) >= 0) {
                break;
            }
            pos++;
            if (c != ' ') {
                end = pos;
            }
        }
        if (end - start > limits.maxScalarBytes() / 3) {
            throw outside();
        }
        return text.substring(start, end);
    }

    private String doubleQuoted() {
        pos++;
        StringBuilder value = null;
        int start = pos;
        while (true) {
            char c = chars[pos];
            if (c == '"') {
                String result = value == null ? text.substring(start, pos) : value.append(text, start, pos).toString();
                pos++;
                return checkedLength(result);
            }
            if (c == '\n') {
                throw outside(); // folded across lines
            }
            if (c == '\\') {
                if (value == null) {
                    value = new StringBuilder();
                }
                value.append(text, start, pos);
                value.append(escaped(chars[pos + 1]));
                pos += chars[pos + 1] == 'u' ? 6 : 2;
                start = pos;
            } else {
                pos++;
            }
        }
    }

    private char escaped(char c) {
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'u' -> {
                int code = 0;
                for (int i = pos + 2; i < pos + 6; i++) {
                    int digit = Character.digit(chars[i], 16);
                    if (digit < 0) {
                        throw outside();
                    }
                    code = code * 16 + digit;
                }
                if (Character.isSurrogate((char) code)) {
                    throw outside();
                }
                yield (char) code;
            }
            default -> throw outside();
        };
    }

    private String singleQuoted() {
        pos++;
        StringBuilder value = null;
        int start = pos;
        while (true) {
            char c = chars[pos];
            if (c == '\n') {
                throw outside();
            }
            if (c == '\'') {
                if (pos + 1 < length && chars[pos + 1] == '\'') {
                    if (value == null) {
                        value = new StringBuilder();
                    }
                    value.append(text, start, pos + 1);
                    pos += 2;
                    start = pos;
                    continue;
                }
                String result = value == null ? text.substring(start, pos) : value.append(text, start, pos).toString();
                pos++;
                return checkedLength(result);
            }
            pos++;
        }
    }

    private String checkedLength(String value) {
        if (value.length() > limits.maxScalarBytes() / 3) {
            throw outside();
        }
        return value;
    }

    /** A key's string: quoted as written; plain only when the schema reads it as a string. */
    private String keyName(Object key) {
        String name;
        if (key instanceof Quoted quoted) {
            name = quoted.value();
        } else if (key instanceof String plain && !plain.isEmpty() && stringTag(plain)) {
            name = plain;
        } else {
            throw outside();
        }
        if (name.length() > MAX_KEY_LENGTH) {
            throw outside();
        }
        return StringCanon.canon(name);
    }

    private boolean stringTag(String plain) {
        return QuickCoreSchema.cannotBeNumberOrWord(plain)
                || Tag.STR.equals(schema.getScalarResolver().resolve(plain, true));
    }

    /** A scalar's value as the core schema resolves it. */
    private Object resolved(Object scalar) {
        if (scalar instanceof Quoted quoted) {
            return StringCanon.canon(quoted.value());
        }
        String plain = (String) scalar;
        if (QuickCoreSchema.cannotBeNumberOrWord(plain)) {
            return StringCanon.canon(plain);
        }
        Integer small = smallInteger(plain);
        if (small != null) {
            return small;
        }
        Tag tag = schema.getScalarResolver().resolve(plain, true);
        if (Tag.STR.equals(tag)) {
            return StringCanon.canon(plain);
        }
        ConstructNode constructor = constructors.get(tag);
        if (constructor == null) {
            throw outside();
        }
        return constructor.construct(new ScalarNode(tag, plain, ScalarStyle.PLAIN));
    }

    /**
     * Ports, status codes, weights: a plain scalar of at most 9 decimal digits without a leading zero is the integer
     * the schema's resolver would make of it, without its regular expressions. Null for anything else.
     */
    private static Integer smallInteger(String plain) {
        int length = plain.length();
        if (length == 0 || length > 9 || (plain.charAt(0) == '0' && length > 1)) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < length; i++) {
            char c = plain.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * A flow collection at {@link #pos} ({@code [} or {@code {}), which may span lines, each indented more than
     * {@code blockIndent}.
     */
    private Object flowNode(int blockIndent) {
        char c = chars[pos];
        if (c == '[' || c == '{') {
            return enter(() -> c == '[' ? flowSequence(blockIndent) : flowMapping(blockIndent));
        }
        if (!scalarStart(c)) {
            throw outside();
        }
        return resolved(scalar(true));
    }

    private List<Object> flowSequence(int blockIndent) {
        List<Object> items = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        pos++; // '['
        while (true) {
            flowSpace(blockIndent);
            char c = chars[pos];
            if (c == ']') {
                pos++;
                lastSequenceLines = lines;
                return items;
            }
            lines.add(line + 1);
            items.add(flowNode(blockIndent));
            flowSpace(blockIndent);
            c = chars[pos];
            if (c == ',') {
                pos++;
            } else if (c != ']') {
                throw outside();
            }
        }
    }

    private Map<String, Object> flowMapping(int blockIndent) {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // '{'
        while (true) {
            flowSpace(blockIndent);
            char c = chars[pos];
            if (c == '}') {
                pos++;
                return map;
            }
            if (!scalarStart(c)) {
                throw outside();
            }
            int keyLine = line;
            String name = keyName(scalar(true));
            skipSpaces();
            if (line != keyLine || chars[pos] != ':' || map.containsKey(name)) {
                throw outside();
            }
            pos++;
            flowSpace(blockIndent);
            c = chars[pos];
            Object value = c == ',' || c == '}' ? null : flowNode(blockIndent);
            map.put(name, value);
            if (depth == 1 && "items".equals(name) && value instanceof List<?>) {
                rootItemLines = lastSequenceLines;
            }
            flowSpace(blockIndent);
            c = chars[pos];
            if (c == ',') {
                pos++;
            } else if (c != '}') {
                throw outside();
            }
        }
    }

    /** Spaces, line breaks and comments inside a flow collection; a line must be indented more than the block. */
    private void flowSpace(int blockIndent) {
        while (true) {
            char c = chars[pos];
            if (c == ' ') {
                pos++;
            } else if (c == '\n') {
                newLine();
                int column = 0;
                while (pos + column < length && chars[pos + column] == ' ') {
                    column++;
                }
                if (column <= blockIndent || atDocumentMarker("---") || atDocumentMarker("...")) {
                    throw outside();
                }
            } else if (c == '#') {
                if (pos == lineStart || chars[pos - 1] != ' ') {
                    throw outside();
                }
                skipToEndOfLine();
            } else {
                return;
            }
        }
    }
}
