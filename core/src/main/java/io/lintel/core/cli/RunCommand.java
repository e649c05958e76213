package io.lintel.core.cli;

import io.lintel.core.inject.DaggerLintelComponent;
import io.lintel.core.inject.LintelRuntime;
import io.lintel.core.inject.LintelSettings;
import io.lintel.core.plugin.PluginRegistry;
import java.net.InetSocketAddress;
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

    @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9901", converter = HostPortConverter.class,
            description = "Admin server address: /ready, /status, /config, /metrics (default: ${DEFAULT-VALUE}).")
    InetSocketAddress adminAddress;

    @Option(names = "--bind-address", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address for Gateways without spec.addresses (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--event-loop-threads", paramLabel = "N", defaultValue = "0",
            description = "Data-plane event loop threads; 0 = one per available processor (default: ${DEFAULT-VALUE}).")
    int eventLoopThreads;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        PluginRegistry registry = Plugins.load(common.pluginsDirectory());
        LintelSettings settings = new LintelSettings(
                source.type(),
                source.settings(),
                adminAddress,
                bindAddress,
                common.controllerName,
                common.pluginsDirectory(),
                eventLoopThreads);
        LintelRuntime runtime = DaggerLintelComponent.factory().create(settings, registry).runtime();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping");
            runtime.close();
            stopped.countDown();
        }, "lintel-shutdown"));
        runtime.start();
        log.info("Lintel {} serving {}; admin on http://{}:{}", LintelVersion.current(), source.describe(),
                adminAddress.getHostString(), runtime.adminPort());
        stopped.await();
        return 0;
    }
}
