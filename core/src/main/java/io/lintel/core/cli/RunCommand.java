package io.lintel.core.cli;

import io.lintel.core.inject.DaggerLintelComponent;
import io.lintel.core.inject.HostPort;
import io.lintel.core.inject.KnownSettings;
import io.lintel.core.inject.LintelRuntime;
import io.lintel.core.inject.LintelSettings;
import io.lintel.core.plugin.DiscoveredPlugins;
import io.lintel.core.plugin.PluginRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code lintel run}: serves the configuration in a directory until stopped (SIGTERM/SIGINT). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Serve the Gateway API configuration of a directory (or another config source); changes apply while running.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    SourceOptions source;

    @Option(names = "--admin", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Admin server address: /ready, /status, /config, /metrics (default: admin.address of the settings file, else 127.0.0.1:9901).")
    InetSocketAddress adminAddress;

    @Option(names = "--bind-address", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address for Gateways without spec.addresses (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--event-loop-threads", paramLabel = "N",
            description = "Data-plane event loop threads; 0 = one per available processor (default: eventLoops.threads of the settings file, else 0).")
    Integer eventLoopThreads;

    @Mixin
    SettingsOptions settingsFile;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        // the plugins first, for the settings they declare; then the settings file, before anything reads a setting
        // (the data plane's are read from system properties once, when their classes are initialised); then what the
        // plugins provide, which may read theirs
        DiscoveredPlugins plugins = Plugins.discover(common.pluginsDirectory());
        settingsFile.install(Plugins.settings(plugins));
        InetSocketAddress admin = adminAddress != null ? adminAddress
                : HostPort.parse(KnownSettings.ADMIN_ADDRESS.currentText());
        int threads = eventLoopThreads != null ? eventLoopThreads
                : (int) KnownSettings.EVENT_LOOP_THREADS.currentNumber();
        Duration drain = Duration.ofSeconds(KnownSettings.SHUTDOWN_DRAIN_SECONDS.currentNumber());
        PluginRegistry registry = Plugins.register(plugins);
        LintelSettings settings = new LintelSettings(
                source.type(),
                source.settings(),
                admin,
                bindAddress,
                common.controllerName,
                common.pluginsDirectory(),
                threads);
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
}
