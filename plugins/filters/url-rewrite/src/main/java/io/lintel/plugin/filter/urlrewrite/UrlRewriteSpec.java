package io.lintel.plugin.filter.urlrewrite;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.support.PathModifier;
import io.lintel.spi.filter.FilterSpec;

/**
 * A validated {@code urlRewrite}.
 *
 * @param hostname the authority to send to the backend instead of the client's; {@code ""} keeps it
 * @param path how to change the path sent to the backend; the query is kept
 */
public record UrlRewriteSpec(String hostname, PathModifier path) implements FilterSpec {

    public UrlRewriteSpec {
        requireNonNull(hostname, "hostname");
        requireNonNull(path, "path");
    }
}
