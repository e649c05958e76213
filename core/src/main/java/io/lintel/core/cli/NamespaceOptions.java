package io.lintel.core.cli;

import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.ParsedArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code -n NS} / {@code -A}: which namespace to read, as kubectl takes them. */
final class NamespaceOptions {

    static final String DEFAULT = "default";

    static final Option NAMESPACE = Option.value("NS", "Namespace (default: " + DEFAULT + ").", "-n", "--namespace");
    static final Option ALL = Option.flag("Every namespace.", "-A", "--all-namespaces");
    static final List<Option> OPTIONS = List.of(NAMESPACE, ALL);

    private final String namespace;
    final boolean all;

    NamespaceOptions(ParsedArguments arguments) {
        namespace = arguments.value(NAMESPACE);
        all = arguments.flag(ALL);
    }

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
