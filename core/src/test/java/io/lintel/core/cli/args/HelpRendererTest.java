package io.lintel.core.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --help}: synopsis, every option with its description and default, arguments, the visible subcommands. */
class HelpRendererTest {

    private static final Option CONFIG = Option.value("DIR", "Directory of Gateway API YAML/JSON files (watched).", "--config");
    private static final Option SOURCE = Option.value("TYPE", "Config source type provided by a plugin.", "--source");
    private static final Option OUTPUT = Option.value("FORMAT", "table, json or yaml (default: ${DEFAULT}).", "-o", "--output")
            .withDefault("table");
    private static final Option CONTROLLER = Option.value("NAME",
            "GatewayClass controllerName that Lintel serves, a long description that must wrap at eighty columns "
                    + "(default: ${DEFAULT}).", "--controller-name").withDefault("lintel.io/gateway-controller");
    private static final Option HEADER = Option.repeatable("NAME=VALUE", "A request header (repeatable).", "-H", "--header");

    private static final CommandSpec COMMAND = CommandSpec.builder("lintel run", "Serve a configuration.")
            .positional(Positional.required("KIND", "What to serve."))
            .option(CONFIG).option(SOURCE).option(OUTPUT).option(CONTROLLER).option(HEADER)
            .choice(OneOf.required(CONFIG, SOURCE))
            .build();

    @Test
    void listsEveryOptionWithItsDescriptionAndDefault() {
        String help = HelpRenderer.render(COMMAND, List.of());

        String synopsis = help.substring(0, help.indexOf("Serve a configuration.")).replaceAll("\\s+", " ");
        assertThat(synopsis).isEqualTo("Usage: lintel run [-hV] [--controller-name=NAME] [-H=NAME=VALUE]... [-o=FORMAT] "
                + "(--config=DIR | --source=TYPE) KIND ");
        assertThat(help).contains("      --config=DIR", "Directory of Gateway API YAML/JSON files (watched).")
                .contains("  -o, --output=FORMAT", "table, json or yaml (default: table).")
                .contains("  -H, --header=NAME=VALUE", "A request header (repeatable).")
                .contains("  -h, --help", "Show this help message and exit.")
                .contains("  -V, --version", "Print version information and exit.")
                .contains("    KIND", "What to serve.")
                .contains("(default: lintel.io/gateway-controller).")
                .doesNotContain("${DEFAULT}");
        assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(HelpRenderer.WIDTH));
    }

    @Test
    void aNameWiderThanTheColumnHasItsDescriptionBelow() {
        String help = HelpRenderer.render(COMMAND, List.of());

        assertThat(help).contains("      --controller-name=NAME\n"
                + "                            GatewayClass controllerName that Lintel serves, a\n"
                + "                              long description that must wrap at eighty columns\n"
                + "                              (default: lintel.io/gateway-controller).\n");
    }

    @Test
    void listsTheSubcommandsButNotTheHiddenOnes() {
        CommandSpec top = CommandSpec.builder("lintel", "A gateway.").build();
        CommandSpec run = CommandSpec.builder("lintel run", "Serve.").build();
        CommandSpec train = CommandSpec.builder("lintel train", "Train.").hidden().build();

        String help = HelpRenderer.render(top, List.of(run, train));

        assertThat(help).startsWith("Usage: lintel [-hV] [COMMAND]\nA gateway.\n")
                .contains("Commands:\n  run  Serve.\n")
                .doesNotContain("train");
    }

    @Test
    void wrapsAtWordsAndKeepsALongWordWhole() {
        assertThat(HelpRenderer.wrap("aaa bbb ccc", 7, 7)).containsExactly("aaa bbb", "ccc");
        assertThat(HelpRenderer.wrap("aaa bbb ccc ddd", 7, 3)).containsExactly("aaa bbb", "ccc", "ddd");
        assertThat(HelpRenderer.wrap("http://127.0.0.1:8500/a/long/address x", 10, 10))
                .containsExactly("http://127.0.0.1:8500/a/long/address", "x");
    }
}
