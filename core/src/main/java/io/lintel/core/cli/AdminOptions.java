package io.lintel.core.cli;

import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.inject.HostPort;
import io.lintel.core.inject.KnownSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Options of the commands that read a running gateway's admin API: where it is, how to print, how long to wait. */
final class AdminOptions {

    static final Option ADMIN = Option.value("HOST:PORT",
            "Admin server of the running gateway (default: admin.address of the settings file, else 127.0.0.1:9901, as lintel run).",
            "--admin");
    static final Option OUTPUT = Option.value("FORMAT", "table (default), json or yaml.", "-o", "--output")
            .withDefault("table");
    static final Option TIMEOUT = Option.value("SECONDS", "How long to wait for the admin server (default: ${DEFAULT} s).",
            "--timeout").withDefault("10");
    static final List<Option> OPTIONS = options();

    private final InetSocketAddress adminAddress;
    final OutputFormat output;
    private final int timeoutSeconds;
    private final SettingsOptions settingsFile;

    AdminOptions(ParsedArguments arguments) {
        adminAddress = arguments.value(ADMIN, HostPort::parse);
        output = arguments.value(OUTPUT, OutputFormat::parse);
        timeoutSeconds = arguments.integer(TIMEOUT);
        settingsFile = new SettingsOptions(arguments);
    }

    private static List<Option> options() {
        List<Option> options = new ArrayList<>(List.of(ADMIN, OUTPUT, TIMEOUT));
        options.addAll(SettingsOptions.OPTIONS);
        return List.copyOf(options);
    }

    AdminClient client() {
        return new AdminClient(address(), Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    }

    /** The option, else the address {@code lintel run} would serve the admin API on. */
    private InetSocketAddress address() {
        if (adminAddress != null) {
            return adminAddress;
        }
        // the settings file names the admin address the gateway was started with; -D wins, as for lintel run. The
        // file may hold the installed plugins' settings too, so it is checked against theirs as lintel run does.
        if (settingsFile.file().isPresent()) {
            settingsFile.read(Plugins.settings(Plugins.discover(new CommonOptions().pluginsDirectory())))
                    .ifPresent(file -> file.install(System.getProperties()));
        }
        return HostPort.parse(KnownSettings.ADMIN_ADDRESS.currentText());
    }
}
