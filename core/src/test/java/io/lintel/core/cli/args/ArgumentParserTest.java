package io.lintel.core.cli.args;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command-line forms {@link ArgumentParser} accepts, and each kind of error it reports. */
class ArgumentParserTest {

    private static final Option CONFIG = Option.value("DIR", "Directory.", "--config");
    private static final Option SOURCE = Option.value("TYPE", "Source type.", "--source");
    private static final Option SETTING = Option.repeatable("KEY=VALUE", "A setting (repeatable).", "--source-setting");
    private static final Option OUTPUT = Option.value("FORMAT", "Format (default: ${DEFAULT}).", "-o", "--output")
            .withDefault("table");
    private static final Option DAYS = Option.value("DAYS", "Days.", "--days").withDefault("365");
    private static final Option ALL = Option.flag("Every namespace.", "-A", "--all-namespaces");
    private static final Option HOST = Option.value("HOST", "The host.", "--host").asRequired();

    private static final CommandSpec SOURCE_COMMAND = CommandSpec.builder("lintel run", "Serve.")
            .option(CONFIG).option(SOURCE).option(SETTING).option(OUTPUT).option(DAYS).option(ALL)
            .choice(OneOf.required(CONFIG, SOURCE))
            .build();
    private static final CommandSpec REQUIRED_COMMAND = CommandSpec.builder("lintel explain", "Explain.")
            .option(HOST).option(OUTPUT)
            .build();
    private static final CommandSpec POSITIONAL_COMMAND = CommandSpec.builder("lintel get", "List.")
            .positional(Positional.required("KIND", "What to list."))
            .option(ALL).option(OUTPUT)
            .build();

    private static ParsedArguments parse(CommandSpec command, String... args) {
        return ArgumentParser.parse(command, args, 0);
    }

    @Test
    void takesAValueSeparatedBySpaceOrEqualsAndShortOptionsAttachedOrSeparate() {
        assertThat(parse(SOURCE_COMMAND, "--config", "/c").path(CONFIG)).isEqualTo(Path.of("/c"));
        assertThat(parse(SOURCE_COMMAND, "--config=/c").path(CONFIG)).isEqualTo(Path.of("/c"));
        assertThat(parse(SOURCE_COMMAND, "--config", "/c", "-o", "json").value(OUTPUT)).isEqualTo("json");
        assertThat(parse(SOURCE_COMMAND, "--config", "/c", "-ojson").value(OUTPUT)).isEqualTo("json");
        assertThat(parse(SOURCE_COMMAND, "--config", "/c", "-o=yaml").value(OUTPUT)).isEqualTo("yaml");
        assertThat(parse(SOURCE_COMMAND, "--config", "/c", "--output=json").value(OUTPUT)).isEqualTo("json");
        // a value may start with '-' as long as it is no option of the command, and may contain '='
        assertThat(parse(SOURCE_COMMAND, "--config", "-dir", "--source-setting", "a=b=c").value(CONFIG)).isEqualTo("-dir");
    }

    @Test
    void appliesDefaultsAndTellsGivenFromDefaulted() {
        ParsedArguments parsed = parse(SOURCE_COMMAND, "--source", "consul");

        assertThat(parsed.value(OUTPUT)).isEqualTo("table");
        assertThat(parsed.integer(DAYS)).isEqualTo(365);
        assertThat(parsed.has(OUTPUT)).isFalse();
        assertThat(parsed.value(CONFIG)).isNull();
        assertThat(parsed.path(CONFIG)).isNull();
        assertThat(parsed.flag(ALL)).isFalse();
        assertThat(parsed.values(SETTING)).isEmpty();
    }

    @Test
    void collectsARepeatableOptionInOrderAndSplitsKeyValues() {
        ParsedArguments parsed = parse(SOURCE_COMMAND, "--source", "consul", "--source-setting", "address=http://h:1",
                "--source-setting=token=a=b", "-A");

        assertThat(parsed.values(SETTING)).containsExactly("address=http://h:1", "token=a=b");
        assertThat(parsed.keyValues(SETTING)).containsExactly(Map.entry("address", "http://h:1"), Map.entry("token", "a=b"));
        assertThat(parsed.flag(ALL)).isTrue();
    }

    @Test
    void takesPositionalsAmongOptionsAndAfterDoubleDash() {
        assertThat(parse(POSITIONAL_COMMAND, "-A", "routes", "-o", "json").positional(0)).isEqualTo("routes");
        ParsedArguments afterDash = parse(POSITIONAL_COMMAND, "-o", "json", "--", "-A");
        assertThat(afterDash.positional(0)).isEqualTo("-A");
        assertThat(afterDash.flag(ALL)).isFalse();
    }

    @Test
    void anUnknownOptionIsNamedWithTheNearestKnownOne() {
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--confg", "/c"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--confg' (did you mean --config?)");
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--config", "/c", "--zzzzzzzz"))
                .hasMessage("unknown option '--zzzzzzzz'");
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--config", "/c", "--output-format=json"))
                .hasMessageStartingWith("unknown option '--output-format'");
    }

    @Test
    void aMissingValueIsNamedWithWhatWasExpected() {
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--config"))
                .isInstanceOf(UsageException.class)
                .hasMessage("missing value for option '--config' (expected: DIR)");
        // the next argument is an option of the command, not the value
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--config", "-A"))
                .hasMessage("missing value for option '--config' (expected: DIR)");
    }

    @Test
    void aBadValueNamesTheOption() {
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--source", "s", "--days", "soon").integer(DAYS))
                .isInstanceOf(UsageException.class)
                .hasMessage("invalid value for option '--days': 'soon' (expected: a whole number)");
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--source", "s", "--source-setting", "novalue").keyValues(SETTING))
                .hasMessage("invalid value for option '--source-setting': 'novalue' (expected: KEY=VALUE)");
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--source", "s", "-o", "xml").value(OUTPUT, text -> {
            throw new IllegalArgumentException("'" + text + "' (expected: table or json)");
        })).hasMessage("invalid value for option '--output': 'xml' (expected: table or json)");
        assertThatThrownBy(() -> parse(POSITIONAL_COMMAND, "pods").positional(0, text -> {
            throw new IllegalArgumentException("'" + text + "' (expected one of: routes)");
        })).hasMessage("invalid value for KIND: 'pods' (expected one of: routes)");
    }

    @Test
    void aFlagTakesNoValueAndAOneValueOptionIsGivenOnce() {
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--source", "s", "--all-namespaces=yes"))
                .hasMessage("option '--all-namespaces' takes no value (given: 'yes')");
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--source", "s", "-o", "json", "--output", "yaml"))
                .hasMessage("option '--output' given more than once ('json', then 'yaml')");
    }

    @Test
    void aMissingRequiredOptionOrArgumentOrChoiceIsNamed() {
        assertThatThrownBy(() -> parse(REQUIRED_COMMAND, "-o", "json"))
                .hasMessage("missing required option --host HOST");
        assertThatThrownBy(() -> parse(POSITIONAL_COMMAND, "-A"))
                .hasMessage("missing argument KIND");
        assertThatThrownBy(() -> parse(SOURCE_COMMAND))
                .hasMessage("missing --config DIR or --source TYPE");
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--config", "/c", "--source", "consul"))
                .hasMessage("options --config and --source exclude each other (expected one of: --config DIR, --source TYPE)");
    }

    @Test
    void anUnexpectedArgumentIsNamed() {
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--config", "/c", "extra"))
                .hasMessage("unexpected argument 'extra' (the command takes options only)");
        assertThatThrownBy(() -> parse(POSITIONAL_COMMAND, "routes", "gateways"))
                .hasMessage("unexpected argument 'gateways'");
    }

    @Test
    void helpAndVersionSkipTheChecksOfRequiredOptions() {
        assertThat(parse(SOURCE_COMMAND, "--help").helpRequested()).isTrue();
        assertThat(parse(REQUIRED_COMMAND, "-h").helpRequested()).isTrue();
        assertThat(parse(POSITIONAL_COMMAND, "-V").versionRequested()).isTrue();
        assertThat(parse(SOURCE_COMMAND, "--config", "/c").helpRequested()).isFalse();
        // but an unknown option is still an error
        assertThatThrownBy(() -> parse(SOURCE_COMMAND, "--nope", "--help")).isInstanceOf(UsageException.class);
    }

    @Test
    void startsAtTheGivenIndex() {
        ParsedArguments parsed = ArgumentParser.parse(POSITIONAL_COMMAND, new String[] {"get", "routes"}, 1);

        assertThat(parsed.positional(0)).isEqualTo("routes");
        assertThat(parsed.command()).isSameAs(POSITIONAL_COMMAND);
    }

    @Test
    void aCommandCannotDeclareASpellingTwiceNorChooseAnOptionItLacks() {
        assertThatThrownBy(() -> CommandSpec.builder("lintel x", "X.").option(Option.flag("Help.", "-h")).build())
                .hasMessageContaining("option -h declared twice");
        assertThatThrownBy(() -> CommandSpec.builder("lintel x", "X.").option(CONFIG)
                .choice(OneOf.required(CONFIG, SOURCE)).build())
                .hasMessageContaining("a choice names an option the command does not have");
        assertThatThrownBy(() -> new Option(List.of("config"), "DIR", "d", null, false, Arity.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
