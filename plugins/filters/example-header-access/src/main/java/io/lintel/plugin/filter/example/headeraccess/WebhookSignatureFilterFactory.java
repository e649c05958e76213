package io.lintel.plugin.filter.example.headeraccess;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.RuleRef;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Owns the {@code ExtensionRef} group/kind {@code example.lintel.io/WebhookSignatureRule}:
 *
 * <pre>{@code
 * apiVersion: example.lintel.io/v1alpha1
 * kind: WebhookSignatureRule
 * metadata: {name: github, namespace: default}
 * spec:
 *   header: X-Hub-Signature-256        # required: the header with the signature
 *   keysFile: /etc/lintel/github-keys  # required: an absolute path; one key per line
 *   prefix: "sha256="                  # optional (default "sha256=")
 *   deniedStatus: 401                  # optional, 400-599 (default 401)
 * }</pre>
 *
 * {@link #translate} only checks the object's shape: it is pure and must not do I/O, so whether the keys file exists
 * is found out when requests come (503 while it cannot be read).
 */
public final class WebhookSignatureFilterFactory implements HttpFilterFactory {

    public static final FilterKey KEY = FilterKey.extensionRef("example.lintel.io", "WebhookSignatureRule");

    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$");
    private static final Set<String> SPEC_FIELDS = Set.of("header", "keysFile", "prefix", "deniedStatus");

    private final Executor blocking;

    /** @param blocking where the keys file is read: the plugin context's blocking executor */
    public WebhookSignatureFilterFactory(Executor blocking) {
        this.blocking = requireNonNull(blocking, "blocking");
    }

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public WebhookSignatureSpec translate(FilterConfig config) throws FilterConfigException {
        if (!(config.value().get("spec") instanceof Map<?, ?> spec)) {
            throw invalid(config, "spec", "is required (an object with header and keysFile)");
        }
        for (Object field : spec.keySet()) {
            if (!SPEC_FIELDS.contains(String.valueOf(field))) {
                throw invalid(config, "spec." + field, "is not a field of WebhookSignatureRule (expected one of "
                        + String.join(", ", SPEC_FIELDS.stream().sorted().toList()) + ")");
            }
        }
        if (!(spec.get("header") instanceof String header) || !HEADER_NAME.matcher(header).matches()) {
            throw invalid(config, "spec.header", "must be a header name, got " + spec.get("header"));
        }
        if (!(spec.get("keysFile") instanceof String keysFile) || !keysFile.startsWith("/")) {
            throw invalid(config, "spec.keysFile", "must be an absolute path, got " + spec.get("keysFile"));
        }
        Object prefix = spec.containsKey("prefix") ? spec.get("prefix") : "sha256=";
        if (!(prefix instanceof String signaturePrefix)) {
            throw invalid(config, "spec.prefix", "must be a string, got " + prefix);
        }
        Object status = spec.containsKey("deniedStatus") ? spec.get("deniedStatus") : 401;
        if (!(status instanceof Integer deniedStatus) || deniedStatus < 400 || deniedStatus > 599) {
            throw invalid(config, "spec.deniedStatus", "must be an integer from 400 to 599, got " + status);
        }
        return new WebhookSignatureSpec(header, signaturePrefix, keysFile, deniedStatus);
    }

    /** A filter of its own for each rule: its key cache and rejection count are that rule's. */
    @Override
    public HttpFilter create(FilterSpec spec, RuleRef rule) {
        if (!(spec instanceof WebhookSignatureSpec signature)) {
            throw new IllegalArgumentException("expected a WebhookSignatureSpec, got " + spec);
        }
        return new WebhookSignatureFilter(signature, rule, blocking);
    }

    private static FilterConfigException invalid(FilterConfig config, String field, String message) {
        Map<?, ?> metadata = config.value().get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Object namespace = metadata.get("namespace");
        String object = "WebhookSignatureRule " + (namespace == null ? "" : namespace + "/") + metadata.get("name");
        return new FilterConfigException(config.fieldPath(), "UnsupportedValue", object + ": " + field + " " + message);
    }
}
