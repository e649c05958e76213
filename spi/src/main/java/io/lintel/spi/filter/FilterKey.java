package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

/**
 * What an {@link HttpFilterFactory} handles: a Gateway API filter {@code type} (e.g.
 * {@code RequestHeaderModifier}), a rule field (e.g. {@code timeouts}, {@code retry}), or an {@code ExtensionRef}
 * target by {@code group} and {@code kind}.
 */
public record FilterKey(Kind kind, String name, String group) {

    public enum Kind { FILTER_TYPE, RULE_FIELD, EXTENSION_REF }

    public FilterKey {
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        requireNonNull(group, "group");
    }

    /** A core or extended filter {@code type}: {@code RequestHeaderModifier}, {@code URLRewrite}... */
    public static FilterKey filterType(String type) {
        return new FilterKey(Kind.FILTER_TYPE, type, "");
    }

    /** A rule field interpreted as a filter: {@code timeouts}, {@code retry}... */
    public static FilterKey ruleField(String field) {
        return new FilterKey(Kind.RULE_FIELD, field, "");
    }

    /** The object kind an {@code ExtensionRef} filter points at. */
    public static FilterKey extensionRef(String group, String kind) {
        return new FilterKey(Kind.EXTENSION_REF, kind, group);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FILTER_TYPE -> "filter type " + name;
            case RULE_FIELD -> "rule field " + name;
            case EXTENSION_REF -> "ExtensionRef " + (group.isEmpty() ? "" : group + "/") + name;
        };
    }
}
