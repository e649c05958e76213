package io.lintel.plugin.filter.support;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterConfigException;
import java.util.Optional;
import java.util.Set;

/**
 * A Gateway API {@code HTTPPathModifier}, as {@code URLRewrite} and {@code RequestRedirect} use it: replace the
 * whole path, or replace the {@code PathPrefix} that matched the request. {@link #NONE} keeps the path.
 *
 * <p>{@code ReplacePrefixMatch} works on whole path elements and ignores a trailing {@code /} of both the matched
 * prefix and the replacement, as the API's table specifies: with prefix {@code /foo}, {@code /foo/bar} becomes
 * {@code /xyz/bar} for replacement {@code /xyz} or {@code /xyz/}, {@code /foo/} becomes {@code /xyz/}, and
 * {@code /foo} becomes {@code /} for replacement {@code ""} or {@code /}. With the root prefix {@code /}, the
 * replacement is put in front of the path ({@code /a} becomes {@code /xyz/a}) and {@code /} becomes {@code /xyz}.
 *
 * @param type what to replace
 * @param value the replacement: a path starting with {@code /} ({@code ReplacePrefixMatch} also allows {@code ""});
 *     {@code ""} for {@link Type#NONE}
 */
public record PathModifier(Type type, String value) {

    /** Keeps the path as it is. */
    public static final PathModifier NONE = new PathModifier(Type.NONE, "");

    static final int MAX_LENGTH = 1024;

    private static final Set<String> FIELDS = Set.of("type", "replaceFullPath", "replacePrefixMatch");
    private static final String FULL_PATH = "ReplaceFullPath";
    private static final String PREFIX_MATCH = "ReplacePrefixMatch";

    public enum Type {
        /** No path modification configured. */
        NONE,
        /** {@code ReplaceFullPath}: the path becomes {@code value}. */
        REPLACE_FULL_PATH,
        /** {@code ReplacePrefixMatch}: the matched prefix becomes {@code value}. */
        REPLACE_PREFIX_MATCH
    }

    public PathModifier {
        requireNonNull(type, "type");
        requireNonNull(value, "value");
    }

    /**
     * Reads and validates the {@code HTTPPathModifier} in {@code field} of {@code parent}, or {@link #NONE} when
     * the field is absent.
     *
     * @throws FilterConfigException naming the first offending field, with reason {@code UnsupportedValue}
     */
    public static PathModifier read(ConfigReader parent, String field) throws FilterConfigException {
        Optional<ConfigReader> path = parent.optionalObject(field);
        return path.isPresent() ? read(path.get()) : NONE;
    }

    /**
     * Reads and validates an {@code HTTPPathModifier} object (e.g. {@code urlRewrite.path}).
     *
     * @throws FilterConfigException naming the first offending field, with reason {@code UnsupportedValue}
     */
    public static PathModifier read(ConfigReader path) throws FilterConfigException {
        path.requireOnly(FIELDS);
        String type = path.requiredString("type");
        switch (type) {
            case FULL_PATH -> {
                rejectPresent(path, "replacePrefixMatch", FULL_PATH);
                String value = path.optionalString("replaceFullPath")
                        .orElseThrow(() -> path.invalid("replaceFullPath", "required when type is " + FULL_PATH));
                checkPath(path, "replaceFullPath", value, false);
                return new PathModifier(Type.REPLACE_FULL_PATH, value);
            }
            case PREFIX_MATCH -> {
                rejectPresent(path, "replaceFullPath", PREFIX_MATCH);
                String value = path.optionalString("replacePrefixMatch")
                        .orElseThrow(() -> path.invalid("replacePrefixMatch", "required when type is " + PREFIX_MATCH));
                checkPath(path, "replacePrefixMatch", value, true);
                return new PathModifier(Type.REPLACE_PREFIX_MATCH, value);
            }
            default -> throw path.invalid("type", "unsupported path modifier type \"" + type + "\"; expected "
                    + FULL_PATH + " or " + PREFIX_MATCH);
        }
    }

    /**
     * The modified path.
     *
     * @param path the request's path, without query
     * @param matchedPrefix the {@code PathPrefix} value that selected the request ({@code ""} when none did, which
     *     replaces nothing but prepends the replacement, as prefix {@code /} would)
     */
    public String apply(String path, String matchedPrefix) {
        return switch (type) {
            case NONE -> path;
            case REPLACE_FULL_PATH -> value;
            case REPLACE_PREFIX_MATCH -> replacePrefix(path, matchedPrefix);
        };
    }

    /** Like {@link #apply} on the path of a request target, keeping its query ({@code ?...}) as it is. */
    public String applyToPathAndQuery(String pathAndQuery, String matchedPrefix) {
        if (type == Type.NONE) {
            return pathAndQuery;
        }
        int query = pathAndQuery.indexOf('?');
        if (query < 0) {
            return apply(pathAndQuery, matchedPrefix);
        }
        return apply(pathAndQuery.substring(0, query), matchedPrefix) + pathAndQuery.substring(query);
    }

    private String replacePrefix(String path, String matchedPrefix) {
        int prefixEnd = withoutTrailingSlash(matchedPrefix);
        boolean matchesWholeElements = path.regionMatches(0, matchedPrefix, 0, prefixEnd)
                && (path.length() == prefixEnd || path.charAt(prefixEnd) == '/');
        if (!matchesWholeElements) {
            // The data plane selected this request by that prefix, so this only happens when it changed the path
            // in between; replacing nothing is the least surprising answer.
            prefixEnd = 0;
        }
        // With the root prefix ("/", trimmed to ""), a request for "/" itself is the whole match: nothing follows it.
        int restStart = prefixEnd == 0 && path.equals("/") ? 1 : prefixEnd;
        int replacementEnd = withoutTrailingSlash(value);
        if (replacementEnd == 0 && restStart == path.length()) {
            return "/";
        }
        return new StringBuilder(replacementEnd + path.length() - restStart)
                .append(value, 0, replacementEnd)
                .append(path, restStart, path.length())
                .toString();
    }

    private static int withoutTrailingSlash(String value) {
        int end = value.length();
        return end > 0 && value.charAt(end - 1) == '/' ? end - 1 : end;
    }

    private static void rejectPresent(ConfigReader path, String field, String type) throws FilterConfigException {
        if (path.has(field)) {
            throw path.invalid(field, "must not be set when type is " + type);
        }
    }

    private static void checkPath(ConfigReader path, String field, String value, boolean emptyAllowed)
            throws FilterConfigException {
        if (value.length() > MAX_LENGTH) {
            throw path.invalid(field, "path has " + value.length() + " characters; at most " + MAX_LENGTH
                    + " are allowed");
        }
        if (emptyAllowed && value.isEmpty()) {
            return;
        }
        if (!HttpSyntax.isAbsolutePath(value)) {
            throw path.invalid(field, "\"" + value + "\" is not a valid path; expected an absolute path starting"
                    + " with / of printable ASCII characters without query (?) or fragment (#)");
        }
    }
}
