package io.lintel.core.cli;

import io.lintel.core.cli.args.ArgumentParser;
import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.inject.DaggerLintelComponent;
import io.lintel.core.inject.LintelRuntime;
import io.lintel.core.inject.LintelSettings;
import io.lintel.core.plugin.PluginRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code lintel train} (hidden): the start-up path of {@code lintel run} once, on a small generated configuration,
 * then exit. The launcher runs it in the background with {@code -XX:ArchiveClassesAtExit} to record the classes a
 * start loads in a class-data sharing archive, which later starts map instead of loading and verifying each class
 * again (see bin/lintel and docs/scale.md). Everything it binds is on 127.0.0.1, on free ports (a port taken between the probe and the bind only fails the training), and goes away when it
 * exits.
 */
final class TrainCommand implements Subcommand {

    static final CommandSpec SPEC = CommandSpec.builder("lintel train",
                    "Start on a small generated configuration, serve one request of each kind, and exit (used by the "
                            + "launcher to build its class-data sharing archive).")
            .options(CommonOptions.OPTIONS)
            .hidden()
            .build();

    private static final long TIMEOUT_NANOS = 60_000_000_000L;

    private final CommonOptions common;

    TrainCommand(ParsedArguments arguments) {
        common = new CommonOptions(arguments);
    }

    @Override
    public int call(Console console) throws Exception {
        Path config = Files.createTempDirectory("lintel-train-");
        try {
            int port = freePort();
            int admin = freePort();
            writeConfiguration(config, port, admin, common.controllerName);
            PluginRegistry registry = Plugins.load(common.pluginsDirectory());
            LintelSettings settings = runCommand(config, admin).settings();
            try (LintelRuntime runtime = DaggerLintelComponent.factory().create(settings, registry).runtime()) {
                runtime.start();
                long deadline = System.nanoTime() + TIMEOUT_NANOS;
                while (!get(admin, "/ready", "localhost").startsWith("HTTP/1.1 200")) {
                    if (System.nanoTime() > deadline) {
                        return 1;
                    }
                    Thread.sleep(20);
                }
                // the request path of each rule kind: a redirect answered by the gateway and a proxied request (to the
                // admin server, as the quickstart does). Not /status, /config or /metrics: their renderers (Jackson 2,
                // the exposition format) load only when first asked for, and every class in the archive is resident
                // in every process that maps it, asked for or not.
                get(port, "/old", "train.test");
                get(port, "/ready", "train.test");
            }
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(config)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * {@code lintel run}'s command line for the generated configuration, read as a start reads it, so that the classes
     * reading it takes (the run command's description, the parser, the option groups) are archived with the rest.
     */
    private RunCommand runCommand(Path config, int admin) {
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--admin", "127.0.0.1:" + admin,
                "--bind-address", "127.0.0.1", "--event-loop-threads", "0", "--controller-name", common.controllerName));
        common.pluginsDirectory().ifPresent(plugins -> args.addAll(List.of("--plugins", plugins.toString())));
        return new RunCommand(ArgumentParser.parse(RunCommand.SPEC, args.toArray(String[]::new), 0));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** One HTTP/1.1 request on its own connection; the status line and headers, or "" when it failed. */
    private static String get(int port, String path, String host) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static void writeConfiguration(Path directory, int port, int admin, String controllerName) throws IOException {
        Files.writeString(directory.resolve("00-gateway.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: train}
                spec: {controllerName: %s}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: train, namespace: train}
                spec:
                  gatewayClassName: train
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners:
                    - {name: http, protocol: HTTP, port: %d, allowedRoutes: {namespaces: {from: All}}}
                """.formatted(controllerName, port));
        Files.writeString(directory.resolve("10-route.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: train, namespace: train}
                spec:
                  parentRefs: [{name: train}]
                  hostnames: ["train.test"]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /old}}]
                      filters:
                        - type: RequestRedirect
                          requestRedirect: {hostname: new.train.test, statusCode: 302}
                    - matches: [{path: {type: Exact, value: /ready}, headers: [{name: x-train, value: "1"}]}, {path: {type: PathPrefix, value: /}}]
                      filters:
                        - type: RequestHeaderModifier
                          requestHeaderModifier: {set: [{name: x-train, value: "1"}]}
                        - type: ResponseHeaderModifier
                          responseHeaderModifier: {add: [{name: x-trained, value: "1"}]}
                      backendRefs: [{name: admin, port: 80}]
                """);
        Files.writeString(directory.resolve("20-service.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: train}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: admin, namespace: train}
                spec:
                  ports: [{name: http, port: 80, protocol: TCP}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: admin-1, namespace: train, labels: {kubernetes.io/service-name: admin}}
                addressType: IPv4
                ports: [{name: http, port: %d, protocol: TCP}]
                endpoints:
                  - addresses: [127.0.0.1]
                    conditions: {ready: true}
                """.formatted(admin));
    }
}
