package io.lintel.plugin.discovery.kubernetes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Plays the conformance corpus through the Kubernetes source: the runner's {@code --gateway-cmd} (through
 * {@code src/test/conformance/lintel-via-kubernetes}). It starts fabric8's mock API server (CRUD, Gateway API CRDs
 * with status subresources in the versions v1.2 serves), mirrors the runner's config directory into it as
 * {@code kubectl apply} would (create, update, delete; Gateway API objects converted to the served version, as the API
 * server's conversion does), runs {@code bin/lintel run --source kubernetes} against it, and answers the runner's
 * admin address itself: {@code /status} lists the statuses <em>stored on the mock's resources</em> (so every status
 * expectation of a case is checked on what Lintel wrote through the status subresource), everything else is
 * forwarded to Lintel's own admin server.
 *
 * <p>Two things a cluster gives upstream's suite that the bridge has to give too: time between a test's steps (objects
 * created by a later apply are younger to the second, see {@link CreationSeconds}), and a gateway that is gone when it
 * has been stopped (the bridge exits only after Lintel has, so the next run can bind the same addresses).
 *
 * <p>Usage: {@code KubernetesConformanceBridge CONFIG_DIR ADMIN_HOST:PORT LINTEL_LAUNCHER}.
 */
public final class KubernetesConformanceBridge {

    /** How long Lintel may take to stop once signalled (the runner kills the process group after 5 s anyway). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "GatewayClass", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition");

    private final MockApiServer mock;
    private final KubernetesClient client;
    private final Path config;
    private final Map<String, String> servedVersions = new HashMap<>();
    private final Map<Path, Object> stamps = new HashMap<>();
    private final Map<Path, List<GenericKubernetesResource>> applied = new HashMap<>();
    private final CreationSeconds creationSeconds = CreationSeconds.system();
    private volatile boolean mirrored;

    private KubernetesConformanceBridge(Path config) {
        this.mock = MockApiServer.start();
        this.client = mock.client();
        this.config = config;
        for (String[] kind : MockApiServer.GATEWAY_API_KINDS) {
            servedVersions.put(kind[0], kind[2]);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: KubernetesConformanceBridge CONFIG_DIR ADMIN_HOST:PORT LINTEL_LAUNCHER");
            System.exit(2);
        }
        // The mock web server logs every request through java.util.logging.
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        KubernetesConformanceBridge bridge = new KubernetesConformanceBridge(Path.of(args[0]));
        int lintelAdmin = Clients.freePort();
        ProcessBuilder lintel = new ProcessBuilder(args[2], "run", "--source", "kubernetes",
                "--source-setting", "master=" + bridge.mock.url(),
                "--source-setting", "leaseNamespace=lintel-system",
                "--source-setting", "identity=conformance",
                "--admin", "127.0.0.1:" + lintelAdmin).inheritIO();
        bridge.mirror();
        Process process = lintel.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // The runner stops the gateway by signalling its process group and waits for this JVM only, then may start
            // the next suite's gateway on the same addresses: Lintel must have exited (its listening sockets closed)
            // before this JVM does. The mock stays up until then, so that Lintel's release of its Lease is answered;
            // against a closed server fabric8 retries it for about 20 s, with Lintel's listeners still bound.
            stop(process);
            bridge.mock.close();
        }));
        bridge.serveAdmin(args[1], lintelAdmin);
        Thread mirror = new Thread(() -> {
            while (process.isAlive()) {
                try {
                    bridge.mirror();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.err.println("bridge: mirroring failed: " + e);
                }
            }
        }, "mirror");
        mirror.setDaemon(true);
        mirror.start();
        System.exit(process.waitFor());
    }

    /** Stops Lintel and waits until it has exited (forcibly after {@link #STOP_TIMEOUT}). */
    private static void stop(Process lintel) {
        lintel.destroy();
        try {
            if (!lintel.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("bridge: Lintel did not stop within " + STOP_TIMEOUT + "; killing it");
                lintel.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            lintel.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Applies the files that changed since the last pass; removes what a changed or deleted file no longer holds. */
    private synchronized void mirror() throws InterruptedException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(config)) {
            files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + config, e);
        }
        for (Path gone : List.copyOf(applied.keySet())) {
            if (!files.contains(gone)) {
                applied.remove(gone).forEach(this::delete);
                stamps.remove(gone);
            }
        }
        for (Path file : files) {
            Object stamp;
            String text;
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamp = List.of(attributes.lastModifiedTime(), attributes.size(), String.valueOf(attributes.fileKey()));
                if (stamp.equals(stamps.get(file))) {
                    continue;
                }
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
            List<GenericKubernetesResource> resources = new ArrayList<>();
            for (GenericKubernetesResource resource : Yaml.parse(client, text)) {
                resources.add(served(resource));
            }
            List<GenericKubernetesResource> previous = applied.getOrDefault(file, List.of());
            for (GenericKubernetesResource old : previous) {
                if (resources.stream().noneMatch(r -> sameObject(r, old))) {
                    delete(old);
                }
            }
            creationSeconds.startApply();
            for (GenericKubernetesResource resource : resources) {
                apply(resource);
            }
            applied.put(file, resources);
            stamps.put(file, stamp);
        }
        mirrored = true;
    }

    /** The object in the version the mock serves its kind in (the API server converts; Gateway API schemas agree). */
    private GenericKubernetesResource served(GenericKubernetesResource resource) {
        String version = servedVersions.get(resource.getKind());
        if (version != null && resource.getApiVersion().startsWith(WatchedKind.GATEWAY_GROUP + "/")) {
            resource.setApiVersion(WatchedKind.GATEWAY_GROUP + "/" + version);
        }
        if (!CLUSTER_SCOPED.contains(resource.getKind()) && resource.getMetadata().getNamespace() == null) {
            resource.getMetadata().setNamespace("default");
        }
        return resource;
    }

    private void apply(GenericKubernetesResource resource) throws InterruptedException {
        try {
            GenericKubernetesResource existing = client.resource(resource).get();
            if (existing == null) {
                creationSeconds.beforeCreate();
                client.resource(resource).create();
                creationSeconds.created();
            } else if (!Objects.equals(content(existing), content(resource))) {
                resource.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
                client.resource(resource).update();
            }
        } catch (KubernetesClientException e) {
            System.err.println("bridge: cannot apply " + resource.getKind() + " " + resource.getMetadata().getName() + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> content(GenericKubernetesResource resource) {
        Map<String, Object> content = new LinkedHashMap<>(resource.getAdditionalProperties());
        content.remove("status");
        content.put("labels", resource.getMetadata().getLabels());
        content.put("annotations", resource.getMetadata().getAnnotations());
        return content;
    }

    private void delete(GenericKubernetesResource resource) {
        try {
            client.resource(resource).withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            System.err.println("bridge: cannot delete " + resource.getKind() + " " + resource.getMetadata().getName() + ": " + e.getMessage());
        }
    }

    private static boolean sameObject(GenericKubernetesResource a, GenericKubernetesResource b) {
        return a.getKind().equals(b.getKind()) && a.getApiVersion().equals(b.getApiVersion())
                && Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
                && a.getMetadata().getName().equals(b.getMetadata().getName());
    }

    private void serveAdmin(String address, int lintelAdmin) throws IOException {
        int colon = address.lastIndexOf(':');
        HttpServer server = HttpServer.create(
                new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), 0);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        server.createContext("/status", exchange -> respond(exchange, 200, "application/json", statusJson()));
        server.createContext("/", exchange -> {
            try {
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + lintelAdmin + exchange.getRequestURI())).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                int code = answer.statusCode() == 200 && !mirrored ? 503 : answer.statusCode();
                respond(exchange, code, answer.headers().firstValue("content-type").orElse("text/plain"), answer.body());
            } catch (IOException | InterruptedException e) {
                respond(exchange, 503, "text/plain", ("lintel not reachable: " + e).getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    /** Every Gateway API object on the mock that has a status, shaped as the runner reads Lintel's {@code /status}. */
    private byte[] statusJson() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String[] kind : MockApiServer.GATEWAY_API_KINDS) {
            var operation = client.genericKubernetesResources(WatchedKind.GATEWAY_GROUP + "/" + kind[2], kind[0]);
            List<GenericKubernetesResource> listed = "Cluster".equals(kind[3]) ? operation.list().getItems()
                    : operation.inAnyNamespace().list().getItems();
            for (GenericKubernetesResource resource : listed) {
                Object status = resource.getAdditionalProperties().get("status");
                if (status == null) {
                    continue;
                }
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("name", resource.getMetadata().getName());
                if (resource.getMetadata().getNamespace() != null) {
                    metadata.put("namespace", resource.getMetadata().getNamespace());
                }
                metadata.put("generation", resource.getMetadata().getGeneration());
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("apiVersion", resource.getApiVersion());
                item.put("kind", resource.getKind());
                item.put("metadata", metadata);
                item.put("status", status);
                items.add(item);
            }
        }
        return client.getKubernetesSerialization().asJson(Map.of("items", items)).getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
