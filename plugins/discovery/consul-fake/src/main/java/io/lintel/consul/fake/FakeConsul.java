package io.lintel.consul.fake;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The parts of Consul's HTTP API that Lintel uses, served on 127.0.0.1 for tests, faithful to Consul's documentation:
 *
 * <ul>
 *   <li>{@code GET /v1/kv/<key>} with {@code recurse}, {@code keys} (and {@code separator}) and {@code raw};
 *       {@code PUT} (body = value) and {@code DELETE} (with {@code recurse}) answering {@code true}. A read that finds
 *       nothing answers 404, still with {@code X-Consul-Index} ({@code keys} on the empty prefix answers {@code []}).
 *   <li>{@code GET /v1/health/service/<name>} with {@code passing} and {@code tag}: one entry per instance, with its
 *       node, service and checks (the node's {@code serfHealth}, always passing, and the service's own check).
 *   <li>Blocking queries on both: with {@code index=N} a read parks until the result's index exceeds N or
 *       {@code wait} (default 5m, at most 10m, plus up to wait/16 of jitter) elapses; every read answers
 *       {@code X-Consul-Index}, {@code X-Consul-KnownLeader} and {@code X-Consul-LastContact}. {@code stale} and
 *       {@code consistent} are accepted.
 *   <li>ACLs, once a token is configured ({@link #requireToken}, {@link #aclToken}), as Consul 1.11+ enforces them
 *       with {@code default_policy = "deny"}: the token comes from {@code X-Consul-Token}, {@code Authorization:
 *       Bearer} or {@code ?token=}; none means the anonymous token (denied everything unless
 *       {@link #anonymousPolicy} says otherwise); an unknown token gets 403 {@code ACL not found}. Reading or writing
 *       one key without the right gets 403 {@code Permission denied: ...}. Lists are <em>filtered</em>, not refused:
 *       {@code ?recurse} and {@code ?keys} answer only the keys the token may read, 404 with the prefix's
 *       {@code X-Consul-Index} when none is left, and the health API leaves out instances whose service or node the
 *       token may not read (200, possibly {@code []}). A filtered answer carries
 *       {@code X-Consul-Results-Filtered-By-ACLs: true}, but only for a request that presented a token (Consul hides
 *       it from anonymous callers). Every answer carries {@code X-Consul-Default-ACL-Policy: deny}.
 *   <li>{@code GET /v1/status/leader}.
 * </ul>
 *
 * <p>Tests drive the catalog through Java ({@link #register}, {@link #setStatus}), and may {@link #stop} and
 * {@link #restart} the server on the same port, optionally with lower indexes ({@link #restartWithLowerIndex}), as
 * a restored or rebuilt Consul shows. Data survives restarts. Thread-safe.
 */
public final class FakeConsul implements AutoCloseable {

    private static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final int MAX_RECORDED = 10_000;

    private final ConsulState state = new ConsulState();
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-consul-handler");
        thread.setDaemon(true);
        return thread;
    });
    private final Optional<SSLContext> tls;
    private final ConcurrentLinkedDeque<RecordedRequest> recorded = new ConcurrentLinkedDeque<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AclTokens acls = new AclTokens();
    private HttpServer server;
    private int port;

    private FakeConsul(int port, Optional<SSLContext> tls) throws IOException {
        this.tls = tls;
        this.port = port;
        bind();
    }

    /** Starts a plain HTTP fake on an ephemeral port of 127.0.0.1. */
    public static FakeConsul start() throws IOException {
        return new FakeConsul(0, Optional.empty());
    }

    /** Starts a plain HTTP fake on {@code port} of 127.0.0.1 (0: ephemeral). */
    public static FakeConsul start(int port) throws IOException {
        return new FakeConsul(port, Optional.empty());
    }

    /** Starts an HTTPS fake with that server context on an ephemeral port of 127.0.0.1. */
    public static FakeConsul startTls(SSLContext context) throws IOException {
        return new FakeConsul(0, Optional.of(requireNonNull(context, "context")));
    }

    /**
     * Turns ACLs on with {@code token} allowed everything: a request with another token gets 403, one without a
     * token is anonymous and sees nothing (see the class comment).
     */
    public FakeConsul requireToken(String token) {
        return aclToken(token, AclPolicy.management());
    }

    /**
     * Turns ACLs on (if they are not) and gives {@code token} that policy, replacing its previous one: the next request
     * with the token is answered by the new rules, as after {@code consul acl token update}.
     */
    public FakeConsul aclToken(String token, AclPolicy policy) {
        acls.put(token, policy);
        return this;
    }

    /** Turns ACLs on (if they are not) and gives the anonymous token (requests without a token) that policy. */
    public FakeConsul anonymousPolicy(AclPolicy policy) {
        acls.anonymous(policy);
        return this;
    }

    /** {@code http://127.0.0.1:<port>} (or https). */
    public URI address() {
        return URI.create((tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + port);
    }

    public synchronized int port() {
        return port;
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** Stops serving: the port is closed and parked queries are cut off. Data is kept. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        state.wakeAll();
        server.stop(0);
        server = null;
    }

    /** Serves again on the same port. */
    public synchronized void restart() throws IOException {
        stop();
        bind();
    }

    /**
     * Stops, renumbers every index to {@code base} (lower than what clients saw, as after a restore from a snapshot),
     * and serves again on the same port.
     */
    public synchronized void restartWithLowerIndex(long base) throws IOException {
        stop();
        state.resetIndexes(base);
        bind();
    }

    /** The current raft index (the last write's). */
    public long index() {
        return state.index();
    }

    public long kvPut(String key, String value) {
        return state.put(requireNonNull(key, "key"), value.getBytes(StandardCharsets.UTF_8));
    }

    public long kvPut(String key, byte[] value) {
        return state.put(requireNonNull(key, "key"), value);
    }

    public boolean kvDelete(String key) {
        return state.delete(requireNonNull(key, "key"), false);
    }

    /** Deletes every key that starts with {@code prefix}. */
    public boolean kvDeleteTree(String prefix) {
        return state.delete(requireNonNull(prefix, "prefix"), true);
    }

    public Optional<String> kvGet(String key) {
        List<ConsulState.KvEntry> entries = state.kv(key, false).value();
        return entries.isEmpty() ? Optional.empty() : Optional.of(new String(entries.get(0).value(), StandardCharsets.UTF_8));
    }

    /** Every key starting with {@code prefix} and its value as UTF-8 text, sorted by key. */
    public Map<String, String> kvTree(String prefix) {
        Map<String, String> texts = new LinkedHashMap<>();
        state.kvSnapshot(prefix).forEach((key, value) -> texts.put(key, new String(value, StandardCharsets.UTF_8)));
        return texts;
    }

    /** Registers (or re-registers) an instance whose check passes. */
    public void register(ServiceInstance instance) {
        state.register(requireNonNull(instance, "instance"), CheckStatus.PASSING);
    }

    public void register(ServiceInstance instance, CheckStatus status) {
        state.register(requireNonNull(instance, "instance"), requireNonNull(status, "status"));
    }

    public boolean deregister(String id) {
        return state.deregister(id);
    }

    /** Sets the state of the instance's service check; throws when no such instance is registered. */
    public void setStatus(String id, CheckStatus status) {
        if (!state.setStatus(id, requireNonNull(status, "status"))) {
            throw new IllegalArgumentException("no service instance " + id + " is registered");
        }
    }

    /** The requests received so far (at most the last 10,000), oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    public int requestCount() {
        return requestCount.get();
    }

    @Override
    public void close() {
        stop();
        handlers.shutdownNow();
    }

    private void bind() throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                server = tls.isPresent() ? HttpsServer.create(address, 128) : HttpServer.create(address, 128);
                break;
            } catch (BindException e) {
                // Restarting on the same port: the old socket may take a moment to be released.
                if (port == 0 || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
        if (server instanceof HttpsServer https) {
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            Optional<String> token = token(exchange, query);
            record(exchange.getRequestMethod(), path, query, token);
            if (acls.enabled()) {
                exchange.getResponseHeaders().set("X-Consul-Default-ACL-Policy", "deny");
            }
            Optional<AclTokens.Resolved> acl = acls.resolve(token);
            if (acl.isEmpty()) {
                send(exchange, 403, "text/plain", "ACL not found", -1);
                return;
            }
            if (path.startsWith("/v1/kv/")) {
                kv(exchange, path.substring("/v1/kv/".length()), query, acl.get());
            } else if (path.startsWith("/v1/health/service/")) {
                health(exchange, path.substring("/v1/health/service/".length()), query, acl.get());
            } else if (path.equals("/v1/status/leader")) {
                send(exchange, 200, "application/json", "\"127.0.0.1:8300\"", -1);
            } else {
                send(exchange, 404, "text/plain", "Not found: " + path, -1);
            }
        } catch (BadRequest e) {
            send(exchange, 400, "text/plain", e.getMessage(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away, or the server is stopping.
        } finally {
            exchange.close();
        }
    }

    private void kv(HttpExchange exchange, String key, Map<String, List<String>> query, AclTokens.Resolved acl)
            throws IOException, InterruptedException {
        boolean recurse = query.containsKey("recurse");
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                if (query.containsKey("keys")) {
                    kvKeys(exchange, key, query, acl);
                    return;
                }
                if (!recurse && !acl.policy().keyRead(key)) {
                    // One key is checked, not filtered: Consul refuses it (KVS.Get answers ErrPermissionDenied).
                    send(exchange, 403, "text/plain", acl.permissionDenied("key:read", key), -1);
                    return;
                }
                block(query, () -> state.kvIndexOf(key, recurse));
                ConsulState.Result<List<ConsulState.KvEntry>> result = state.kv(key, recurse);
                // A list is filtered on the way out (KVS.List): the index stays the prefix's, whatever was left out.
                List<ConsulState.KvEntry> readable = result.value().stream()
                        .filter(entry -> acl.policy().keyRead(entry.key()))
                        .toList();
                markFiltered(exchange, acl, readable.size() != result.value().size());
                if (readable.isEmpty()) {
                    send(exchange, 404, "text/plain", "", result.index());
                } else if (query.containsKey("raw") && !recurse) {
                    sendBytes(exchange, 200, "application/octet-stream", readable.get(0).value(), result.index());
                } else {
                    List<Object> entries = new ArrayList<>();
                    for (ConsulState.KvEntry entry : readable) {
                        Map<String, Object> json = new LinkedHashMap<>();
                        json.put("LockIndex", 0);
                        json.put("Key", entry.key());
                        json.put("Flags", entry.flags());
                        json.put("Value", entry.value().length == 0 ? null : Base64.getEncoder().encodeToString(entry.value()));
                        json.put("CreateIndex", entry.createIndex());
                        json.put("ModifyIndex", entry.modifyIndex());
                        entries.add(json);
                    }
                    send(exchange, 200, "application/json", JsonWriter.write(entries), result.index());
                }
            }
            case "PUT" -> {
                if (!acl.policy().keyWrite(key)) {
                    send(exchange, 403, "text/plain", acl.permissionDenied("key:write", key), -1);
                    return;
                }
                byte[] value = exchange.getRequestBody().readAllBytes();
                state.put(key, value);
                send(exchange, 200, "application/json", "true", -1);
            }
            case "DELETE" -> {
                boolean allowed = acl.policy().keyWrite(key) && (!recurse
                        || state.kvSnapshot(key).keySet().stream().allMatch(acl.policy()::keyWrite));
                if (!allowed) {
                    send(exchange, 403, "text/plain", acl.permissionDenied("key:write", key), -1);
                    return;
                }
                state.delete(key, recurse);
                send(exchange, 200, "application/json", "true", -1);
            }
            default -> send(exchange, 405, "text/plain", "method " + exchange.getRequestMethod() + " not allowed", -1);
        }
    }

    /**
     * {@code GET /v1/kv/<prefix>?keys[&separator=]}: the readable keys under the prefix, cut after the first separator
     * past the prefix and deduplicated (KVS.ListKeys); 404 when none is left, except for the empty prefix.
     */
    private void kvKeys(HttpExchange exchange, String prefix, Map<String, List<String>> query, AclTokens.Resolved acl)
            throws IOException, InterruptedException {
        String separator = first(query, "separator");
        block(query, () -> state.kvIndexOf(prefix, true));
        ConsulState.Result<List<ConsulState.KvEntry>> result = state.kv(prefix, true);
        List<String> keys = new ArrayList<>();
        int readable = 0;
        for (ConsulState.KvEntry entry : result.value()) {
            if (!acl.policy().keyRead(entry.key())) {
                continue;
            }
            readable++;
            String listed = entry.key();
            int cut = separator == null || separator.isEmpty() ? -1 : listed.indexOf(separator, prefix.length());
            if (cut >= 0) {
                listed = listed.substring(0, cut + separator.length());
            }
            if (!keys.contains(listed)) {
                keys.add(listed);
            }
        }
        markFiltered(exchange, acl, readable != result.value().size());
        if (keys.isEmpty() && !prefix.isEmpty()) {
            send(exchange, 404, "text/plain", "", result.index());
            return;
        }
        send(exchange, 200, "application/json", JsonWriter.write(List.copyOf(keys)), result.index());
    }

    private void health(HttpExchange exchange, String service, Map<String, List<String>> query, AclTokens.Resolved acl)
            throws IOException, InterruptedException {
        if (!exchange.getRequestMethod().equals("GET")) {
            send(exchange, 405, "text/plain", "method " + exchange.getRequestMethod() + " not allowed", -1);
            return;
        }
        boolean passing = query.containsKey("passing");
        List<String> tags = query.getOrDefault("tag", List.of());
        block(query, () -> state.health(service, passing, tags).index());
        ConsulState.Result<List<ConsulState.Instance>> result = state.health(service, passing, tags);
        List<Object> entries = new ArrayList<>();
        for (ConsulState.Instance instance : result.value()) {
            // Consul's aclFilter.filterCheckServiceNodes: an instance needs read on its service and on its node.
            if (acl.policy().serviceRead(instance.service().service()) && acl.policy().nodeRead(instance.service().node())) {
                entries.add(healthEntry(instance));
            }
        }
        markFiltered(exchange, acl, entries.size() != result.value().size());
        send(exchange, 200, "application/json", JsonWriter.write(entries), result.index());
    }

    private static void markFiltered(HttpExchange exchange, AclTokens.Resolved acl, boolean filtered) {
        // Consul sets the header only when true (absent means "not filtered, or not supported by the endpoint").
        if (acl.reportsFiltering(filtered)) {
            exchange.getResponseHeaders().set("X-Consul-Results-Filtered-By-ACLs", "true");
        }
    }

    private static Map<String, Object> healthEntry(ConsulState.Instance instance) {
        ServiceInstance service = instance.service();
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("ID", "00000000-0000-0000-0000-" + String.format("%012x", service.node().hashCode() & 0xffffffffL));
        node.put("Node", service.node());
        node.put("Address", service.nodeAddress());
        node.put("Datacenter", "dc1");
        node.put("TaggedAddresses", Map.of());
        node.put("Meta", Map.of());
        node.put("CreateIndex", instance.createIndex());
        node.put("ModifyIndex", instance.createIndex());
        Map<String, Object> svc = new LinkedHashMap<>();
        svc.put("ID", service.id());
        svc.put("Service", service.service());
        svc.put("Tags", service.tags());
        svc.put("Address", service.address());
        svc.put("Meta", Map.of());
        svc.put("Port", service.port());
        svc.put("Weights", Map.of("Passing", 1, "Warning", 1));
        svc.put("EnableTagOverride", false);
        svc.put("CreateIndex", instance.createIndex());
        svc.put("ModifyIndex", instance.modifyIndex());
        Map<String, Object> serf = new LinkedHashMap<>();
        serf.put("Node", service.node());
        serf.put("CheckID", "serfHealth");
        serf.put("Name", "Serf Health Status");
        serf.put("Status", "passing");
        serf.put("Notes", "");
        serf.put("Output", "Agent alive and reachable");
        serf.put("ServiceID", "");
        serf.put("ServiceName", "");
        serf.put("ServiceTags", List.of());
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("Node", service.node());
        check.put("CheckID", "service:" + service.id());
        check.put("Name", "Service '" + service.service() + "' check");
        check.put("Status", instance.status().apiName());
        check.put("Notes", "");
        check.put("Output", "");
        check.put("ServiceID", service.id());
        check.put("ServiceName", service.service());
        check.put("ServiceTags", service.tags());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Node", node);
        entry.put("Service", svc);
        entry.put("Checks", List.of(serf, check));
        return entry;
    }

    /** A blocking query: parks until the result's index passes {@code index} or the wait (plus jitter) elapses. */
    private void block(Map<String, List<String>> query, LongSupplier resultIndex)
            throws InterruptedException {
        long index = 0;
        String indexValue = first(query, "index");
        if (indexValue != null && !indexValue.isEmpty()) {
            try {
                index = Long.parseLong(indexValue);
            } catch (NumberFormatException e) {
                throw new BadRequest("Invalid index");
            }
        }
        if (index <= 0) {
            return;
        }
        Duration wait = DEFAULT_WAIT;
        String waitValue = first(query, "wait");
        if (waitValue != null && !waitValue.isEmpty()) {
            wait = parseWait(waitValue);
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        long jitter = wait.toNanos() / 16 == 0 ? 0 : ThreadLocalRandom.current().nextLong(wait.toNanos() / 16);
        state.awaitIndexAbove(resultIndex, index, System.nanoTime() + wait.toNanos() + jitter);
    }

    private static Duration parseWait(String value) {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new BadRequest("Invalid wait time");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static Optional<String> token(HttpExchange exchange, Map<String, List<String>> query) {
        String header = exchange.getRequestHeaders().getFirst("X-Consul-Token");
        if (header != null) {
            return Optional.of(header);
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return Optional.of(authorization.substring("Bearer ".length()).strip());
        }
        return Optional.ofNullable(first(query, "token"));
    }

    private void record(String method, String path, Map<String, List<String>> query, Optional<String> token) {
        requestCount.incrementAndGet();
        Map<String, String> firsts = new LinkedHashMap<>();
        query.forEach((name, values) -> firsts.put(name, values.get(0)));
        recorded.addLast(new RecordedRequest(method, path, firsts, token));
        while (recorded.size() > MAX_RECORDED) {
            recorded.pollFirst();
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null ? null : values.get(0);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body, long index)
            throws IOException {
        sendBytes(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8), index);
    }

    private static void sendBytes(HttpExchange exchange, int status, String contentType, byte[] body, long index)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (index >= 0) {
            exchange.getResponseHeaders().set("X-Consul-Index", Long.toString(index));
            exchange.getResponseHeaders().set("X-Consul-KnownLeader", "true");
            exchange.getResponseHeaders().set("X-Consul-LastContact", "0");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A request the fake rejects with 400, as Consul does, with its message. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
