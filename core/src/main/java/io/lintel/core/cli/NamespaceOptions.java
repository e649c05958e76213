package io.lintel.core.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code -n NS} / {@code -A}: which namespace to read, as kubectl takes them. */
final class NamespaceOptions {

    static final String DEFAULT = "default";

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace (default: default).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Every namespace.")
    boolean all;

    /** The namespace filter of {@code /status} and {@code /config}; none with {@code -A}. */
    List<Map.Entry<String, String>> filter() {
        List<Map.Entry<String, String>> filter = new ArrayList<>();
        if (!all) {
            filter.add(Map.entry("namespace", namespace()));
        }
        return filter;
    }

    String namespace() {
        return namespace == null ? DEFAULT : namespace;
    }
}
