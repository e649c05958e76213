package io.lintel.core.cli;

import io.lintel.core.inject.HostPort;
import io.lintel.core.inject.KnownSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the commands that read a running gateway's admin API: where it is, how to print, how long to wait. */
final class AdminOptions {

    @Option(names = "--admin", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Admin server of the running gateway (default: admin.address of the settings file, else 127.0.0.1:9901, as lintel run).")
    InetSocketAddress adminAddress;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = OutputFormat.Converter.class,
            description = "table (default), json or yaml.")
    OutputFormat output;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the admin server (default: ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Mixin
    SettingsOptions settingsFile;

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
