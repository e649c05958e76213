package io.lintel.core.cli;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.inject.DaggerLintelComponent;
import io.lintel.core.inject.HostPort;
import io.lintel.core.inject.KnownSettings;
import io.lintel.core.inject.LintelRuntime;
import io.lintel.core.inject.LintelSettings;
import io.lintel.core.plugin.DiscoveredPlugins;
import io.lintel.core.plugin.PluginRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code lintel run}: serves the configuration in a directory until stopped (SIGTERM/SIGINT). */
final class RunCommand implements Subcommand {

    static final Option ADMIN = Option.value("HOST:PORT",
            "Admin server address: /ready, /status, /config, /metrics (default: admin.address of the settings file, else 127.0.0.1:9901).",
            "--admin");
    /** Also {@code lintel validate}'s: it translates as {@code run} would. */
    static final Option BIND_ADDRESS = Option.value("ADDR",
            "Address for Gateways without spec.addresses (default: ${DEFAULT}).", "--bind-address").withDefault("0.0.0.0");
    static final Option EVENT_LOOP_THREADS = Option.value("N",
            "Data-plane event loop threads; 0 = one per available processor (default: eventLoops.threads of the settings file, else 0).",
            "--event-loop-threads");
    static final CommandSpec SPEC = CommandSpec.builder("lintel run",
                    "Serve the Gateway API configuration of a directory (or another config source); changes apply while running.")
            .options(SourceOptions.OPTIONS).choice(SourceOptions.CHOICE)
            .option(ADMIN).option(BIND_ADDRESS).option(EVENT_LOOP_THREADS)
            .options(SettingsOptions.OPTIONS)
            .options(CommonOptions.OPTIONS)
            .build();

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    private final SourceOptions source;
    private final InetSocketAddress adminAddress;
    private final String bindAddress;
    private final Integer eventLoopThreads;
    private final SettingsOptions settingsFile;
    private final CommonOptions common;

    RunCommand(ParsedArguments arguments) {
        source = new SourceOptions(arguments);
        adminAddress = arguments.value(ADMIN, HostPort::parse);
        bindAddress = arguments.value(BIND_ADDRESS);
        eventLoopThreads = arguments.integer(EVENT_LOOP_THREADS);
        settingsFile = new SettingsOptions(arguments);
        common = new CommonOptions(arguments);
    }

    @Override
    public int call(Console console) throws Exception {
        // the plugins first, for the settings they declare; then the settings file, before anything reads a setting
        // (the data plane's are read from system properties once, when their classes are initialised); then what the
        // plugins provide, which may read theirs
        DiscoveredPlugins plugins = Plugins.discover(common.pluginsDirectory());
        settingsFile.install(Plugins.settings(plugins));
        LintelSettings settings = settings();
        InetSocketAddress admin = settings.adminAddress();
        Duration drain = Duration.ofSeconds(KnownSettings.SHUTDOWN_DRAIN_SECONDS.currentNumber());
        PluginRegistry registry = Plugins.register(plugins);
        LintelRuntime runtime = DaggerLintelComponent.factory().create(settings, registry).runtime();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: draining for up to {} s ({})", drain.toSeconds(),
                    KnownSettings.SHUTDOWN_DRAIN_SECONDS.property());
            runtime.stop(drain);
            log.info("Stopped");
            stopped.countDown();
        }, "lintel-shutdown"));
        runtime.start();
        HangupSignal.install(source.describe());
        log.info("Lintel {} serving {}; admin on http://{}:{}", LintelVersion.current(), source.describe(),
                admin.getHostString(), runtime.adminPort());
        stopped.await();
        return 0;
    }

    /**
     * What the command line says, and for what it leaves out, the settings (so: after the settings file is
     * installed).
     */
    LintelSettings settings() {
        InetSocketAddress admin = adminAddress != null ? adminAddress
                : HostPort.parse(KnownSettings.ADMIN_ADDRESS.currentText());
        int threads = eventLoopThreads != null ? eventLoopThreads
                : (int) KnownSettings.EVENT_LOOP_THREADS.currentNumber();
        return new LintelSettings(source.type(), source.settings(), admin, bindAddress, common.controllerName,
                common.pluginsDirectory(), threads);
    }
}
