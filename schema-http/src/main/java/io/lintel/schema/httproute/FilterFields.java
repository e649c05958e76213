package io.lintel.schema.httproute;

import java.util.Map;

/** HTTPRoute filter types and the field of the filter object that carries each one's configuration. */
public final class FilterFields {

    /** Sorted by type, so that anything iterating it (messages) is deterministic. */
    public static final Map<String, String> BY_TYPE = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Map.of(
            "RequestHeaderModifier", "requestHeaderModifier",
            "ResponseHeaderModifier", "responseHeaderModifier",
            "RequestMirror", "requestMirror",
            "RequestRedirect", "requestRedirect",
            "URLRewrite", "urlRewrite",
            "ExtensionRef", "extensionRef",
            "CORS", "cors",
            "ExternalAuth", "externalAuth")));

    private FilterFields() {}
}
