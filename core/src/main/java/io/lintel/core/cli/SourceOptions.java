package io.lintel.core.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the configuration comes from: {@code --config DIR} (the file source), or {@code --source TYPE} with its
 * {@code --source-setting KEY=VALUE}s for any config source a plugin provides (e.g. {@code consul}).
 */
final class SourceOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    @Option(names = "--source-setting", paramLabel = "KEY=VALUE",
            description = "A setting of the --source config source (repeatable), e.g. --source-setting address=http://127.0.0.1:8500.")
    Map<String, String> settings = new LinkedHashMap<>();

    static final class Choice {
        @Option(names = "--config", paramLabel = "DIR", description = "Directory of Gateway API YAML/JSON files (watched).")
        Path configDirectory;

        @Option(names = "--source", paramLabel = "TYPE", description = "Config source type provided by a plugin, e.g. consul.")
        String type;
    }

    String type() {
        return choice.configDirectory != null ? "file" : choice.type;
    }

    Map<String, String> settings() {
        if (choice.configDirectory == null) {
            return Map.copyOf(settings);
        }
        Map<String, String> withDirectory = new LinkedHashMap<>(settings);
        withDirectory.put("directory", choice.configDirectory.toString());
        return Map.copyOf(withDirectory);
    }

    /** How the source is named in logs: the directory for files, else the type. */
    String describe() {
        return choice.configDirectory != null ? choice.configDirectory.toString() : "source " + choice.type;
    }
}
