package io.lintel.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.Positional;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The {@code lintel} command line as scripts and the docs rely on it: help and version on stdout with exit 0, a wrong
 * command line on stderr with exit 2 and one line naming the problem, a failing command through {@link ErrorReporter}.
 */
class CliTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Cli.execute(args, new Console(new PrintWriter(out), new PrintWriter(err)));
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void lintelAloneAndHelpPrintTheUsageWithTheVisibleCommands() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-h"}}) {
            Run run = run(args);

            assertThat(run.exitCode()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).startsWith("Usage: lintel [-hV] [COMMAND]\n")
                    .contains("  -h, --help", "  -V, --version", "Commands:\n")
                    .contains("  run ", "  validate ", "  features ", "  settings ", "  version ", "  cert ", "  get ",
                            "  describe ", "  explain ")
                    .doesNotContain("train");
        }
    }

    @Test
    void theVersionIsPrintedByTheOptionOfEveryCommandAndByTheVersionCommand() {
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"version"}, {"run", "--version"}, {"get", "-V"}}) {
            Run run = run(args);

            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).matches("lintel \\S+\njava \\S+\n");
        }
    }

    @Test
    void everyCommandsHelpListsEveryOptionAndArgumentWithItsDescription() {
        for (String name : LintelCommand.NAMES) {
            CommandSpec spec = LintelCommand.spec(name);
            Run run = run(name, "--help");

            assertThat(run.exitCode()).as(name).isZero();
            assertThat(run.out()).as(name).startsWith("Usage: lintel " + name);
            String flowing = run.out().replaceAll("\\s+", " ");
            assertThat(flowing).as(name).contains(spec.description());
            for (Option option : spec.options()) {
                option.names().forEach(spelling -> assertThat(run.out()).as(name).contains(spelling));
                assertThat(flowing).as(name).contains(option.helpText());
            }
            for (Positional positional : spec.positionals()) {
                assertThat(flowing).as(name).contains(positional.label() + " " + positional.description());
            }
        }
    }

    @Test
    void defaultsAreShownInTheHelp() {
        String run = run("run", "--help").out().replaceAll("\\s+", " ");
        String explain = run("explain", "--help").out().replaceAll("\\s+", " ");

        assertThat(run).contains("(default: 0.0.0.0)", "(default: lintel.io/gateway-controller)");
        assertThat(explain).contains("The method (default: GET)", "(default: 100)", "(default: 10 s)");
    }

    @Test
    void anUnknownOptionExitsTwoWithOneLineAndTheNearestOption() {
        Run run = run("run", "--confg", "/tmp/x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("lintel run: unknown option '--confg' (did you mean --config?)\n"
                + "Try 'lintel run --help' for the options.\n");
    }

    @Test
    void anUnknownCommandExitsTwoAndListsTheCommands() {
        Run run = run("valdate", "--config", "x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("lintel: unknown command 'valdate' (did you mean validate?)\nUsage: lintel");
    }

    @Test
    void usageErrorsOfParsingAndOfTheCommandsOwnChecksExitTwo() {
        assertThat(run("run")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("lintel run: missing --config DIR or --source TYPE\n");
        });
        assertThat(run("validate", "--config", "x", "-o", "xml")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("lintel validate: --output xml (expected: text or json)\n");
        });
        assertThat(run("get", "pods")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("lintel get: invalid value for KIND: 'pods' (expected one of: gateways, routes, policies, backends)");
        });
        assertThat(run("get", "routes", "-o", "xml")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("lintel get: invalid value for option '--output': 'xml' (expected: table, json or yaml)");
        });
        assertThat(run("get", "routes", "--admin", "nowhere")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("lintel get: invalid value for option '--admin': 'nowhere' (expected: HOST:PORT");
        });
        assertThat(run("explain", "--path", "/a")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("lintel explain: missing required option --host HOST\n");
        });
        assertThat(run("explain", "--host", "a", "-H", "novalue")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("lintel explain: --header novalue (expected: NAME=VALUE)\n");
        });
        assertThat(run("describe", "web", "--window", "0")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("lintel describe: 'web' (expected: KIND/NAME, e.g. httproute/web)\n");
        });
        assertThat(run("describe", "httproute/web", "--window", "soon")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("lintel describe: invalid value for option '--window': 'soon' (expected: a number)");
        });
        assertThat(run("run", "--source", "consul", "--source-setting", "address")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("lintel run: invalid value for option '--source-setting': 'address' (expected: KEY=VALUE)");
        });
    }

    @Test
    void aFailingCommandIsReportedInOneLineAndExitsTwo() {
        Run run = run("cert", "--hostname", "not a name");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("lintel cert: --hostname: 'not a name' is not a DNS name").doesNotContain("Try '");
    }
}
