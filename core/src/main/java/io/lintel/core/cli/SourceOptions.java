package io.lintel.core.cli;

import io.lintel.core.cli.args.OneOf;
import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.ParsedArguments;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the configuration comes from: {@code --config DIR} (the file source), or {@code --source TYPE} with its
 * {@code --source-setting KEY=VALUE}s for any config source a plugin provides (e.g. {@code consul}).
 */
final class SourceOptions {

    static final Option CONFIG = Option.value("DIR", "Directory of Gateway API YAML/JSON files (watched).", "--config");
    static final Option SOURCE = Option.value("TYPE", "Config source type provided by a plugin, e.g. consul.", "--source");
    static final Option SOURCE_SETTING = Option.repeatable("KEY=VALUE",
            "A setting of the --source config source (repeatable), e.g. --source-setting address=http://127.0.0.1:8500.",
            "--source-setting");
    static final List<Option> OPTIONS = List.of(CONFIG, SOURCE, SOURCE_SETTING);
    /** One of {@code --config} and {@code --source}, and only one. */
    static final OneOf CHOICE = OneOf.required(CONFIG, SOURCE);

    private final Path configDirectory;
    private final String type;
    private final Map<String, String> settings;

    SourceOptions(ParsedArguments arguments) {
        configDirectory = arguments.path(CONFIG);
        type = arguments.value(SOURCE);
        settings = arguments.keyValues(SOURCE_SETTING);
    }

    String type() {
        return configDirectory != null ? "file" : type;
    }

    Map<String, String> settings() {
        if (configDirectory == null) {
            return Map.copyOf(settings);
        }
        Map<String, String> withDirectory = new LinkedHashMap<>(settings);
        withDirectory.put("directory", configDirectory.toString());
        return Map.copyOf(withDirectory);
    }

    /** How the source is named in logs: the directory for files, else the type. */
    String describe() {
        return configDirectory != null ? configDirectory.toString() : "source " + type;
    }
}
