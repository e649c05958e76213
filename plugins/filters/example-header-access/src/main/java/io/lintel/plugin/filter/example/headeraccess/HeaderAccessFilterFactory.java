package io.lintel.plugin.filter.example.headeraccess;

import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.RuleRef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Owns the {@code ExtensionRef} group/kind {@code example.lintel.io/HeaderAccessRule}: core hands it the whole
 * referenced object (read from the same config source as the route), which it validates into a
 * {@link HeaderAccessSpec}:
 *
 * <pre>{@code
 * apiVersion: example.lintel.io/v1alpha1
 * kind: HeaderAccessRule
 * metadata: {name: api-key, namespace: default}
 * spec:
 *   header: X-Api-Key              # required: a header name
 *   allowedValues: [k-1, k-2]      # required, at least one
 *   deniedStatus: 403              # optional, 400-599 (default 403)
 *   deniedMessage: "forbidden\n"   # optional, the plain-text body of a denial
 *   removeHeader: true             # optional (default false): do not pass the header on
 * }</pre>
 *
 * An implementation-specific filter, so it declares no Gateway API feature.
 */
public final class HeaderAccessFilterFactory implements HttpFilterFactory {

    /** The group and kind of the objects this filter is configured by. */
    public static final FilterKey KEY = FilterKey.extensionRef("example.lintel.io", "HeaderAccessRule");

    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$");
    private static final Set<String> SPEC_FIELDS =
            Set.of("header", "allowedValues", "deniedStatus", "deniedMessage", "removeHeader");

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public HeaderAccessSpec translate(FilterConfig config) throws FilterConfigException {
        String object = objectName(config.value());
        if (!(config.value().get("spec") instanceof Map<?, ?> spec)) {
            throw invalid(config, object, "spec", "is required (an object with header and allowedValues)");
        }
        for (Object field : spec.keySet()) {
            if (!SPEC_FIELDS.contains(String.valueOf(field))) {
                throw invalid(config, object, "spec." + field, "is not a field of HeaderAccessRule (expected one of "
                        + String.join(", ", SPEC_FIELDS.stream().sorted().toList()) + ")");
            }
        }
        if (!(spec.get("header") instanceof String header) || !HEADER_NAME.matcher(header).matches()) {
            throw invalid(config, object, "spec.header", "must be a header name, got " + spec.get("header"));
        }
        if (!(spec.get("allowedValues") instanceof List<?> values) || values.isEmpty()) {
            throw invalid(config, object, "spec.allowedValues", "must list at least one value");
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof String value)) {
                throw invalid(config, object, "spec.allowedValues[" + i + "]", "must be a string, got " + values.get(i));
            }
            allowed.add(value);
        }
        Object status = spec.containsKey("deniedStatus") ? spec.get("deniedStatus") : 403;
        if (!(status instanceof Integer deniedStatus) || deniedStatus < 400 || deniedStatus > 599) {
            throw invalid(config, object, "spec.deniedStatus", "must be an integer from 400 to 599, got " + status);
        }
        Object message = spec.containsKey("deniedMessage") ? spec.get("deniedMessage") : "forbidden\n";
        if (!(message instanceof String deniedMessage)) {
            throw invalid(config, object, "spec.deniedMessage", "must be a string, got " + message);
        }
        Object remove = spec.containsKey("removeHeader") ? spec.get("removeHeader") : false;
        if (!(remove instanceof Boolean removeHeader)) {
            throw invalid(config, object, "spec.removeHeader", "must be true or false, got " + remove);
        }
        return new HeaderAccessSpec(header, List.copyOf(allowed), deniedStatus, deniedMessage, removeHeader);
    }

    /** Called once per rule; this filter keeps no state, so a rule's filter is simply its spec's. */
    @Override
    public HttpFilter create(FilterSpec spec, RuleRef rule) {
        if (!(spec instanceof HeaderAccessSpec access)) {
            throw new IllegalArgumentException("expected a HeaderAccessSpec, got " + spec);
        }
        return new HeaderAccessFilter(access);
    }

    /** {@code HeaderAccessRule <namespace>/<name>}, for messages: the problem is in that object, not in the route. */
    private static String objectName(Map<String, Object> object) {
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Object namespace = metadata.get("namespace");
        return "HeaderAccessRule " + (namespace == null ? "" : namespace + "/") + metadata.get("name");
    }

    private static FilterConfigException invalid(FilterConfig config, String object, String field, String message) {
        // The field path names the route's extensionRef (what the route's condition points at); the message names
        // the referenced object and its field.
        return new FilterConfigException(config.fieldPath(), "UnsupportedValue", object + ": " + field + " " + message);
    }
}
