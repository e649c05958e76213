package io.lintel.plugin.discovery.consul;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The calls Lintel makes to Consul's HTTP API, on the JDK {@link HttpClient}: recursive KV reads and health reads as
 * blocking queries, and KV writes. Sends the ACL token as {@code X-Consul-Token}, {@code ?stale} and {@code ?dc=}
 * as configured. Thread-safe.
 */
final class ConsulClient {

    /** What a read returned, with the {@code X-Consul-Index} it came with (0 when Consul sent none). */
    record Response<T>(T value, long index) {

        Response {
            requireNonNull(value, "value");
        }
    }

    /** One KV entry. */
    record KvPair(String key, byte[] value) {

        KvPair {
            requireNonNull(key, "key");
            requireNonNull(value, "value");
        }
    }

    /** One instance from {@code /v1/health/service}: its address is the service's own, else its node's. */
    record HealthInstance(String id, String node, String address, int port) {

        HealthInstance {
            requireNonNull(id, "id");
            requireNonNull(node, "node");
            requireNonNull(address, "address");
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ConsulSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final TokenFile tokenFile;

    private ConsulClient(ConsulSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
        this.tokenFile = settings.tokenFile().map(TokenFile::new).orElse(null);
    }

    /** Builds the client, reading {@code caFile} (so this does file I/O). */
    static ConsulClient create(ConsulSettings settings) throws IOException, GeneralSecurityException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT);
        if (settings.caFile().isPresent()) {
            builder.sslContext(trusting(settings.caFile().get()));
        }
        return new ConsulClient(settings, builder.build());
    }

    /**
     * {@code GET /v1/kv/<prefix>?recurse}; a blocking query when {@code index > 0}. An absent prefix is an empty list;
     * an answer Consul's ACLs filtered (a 404 or a part of the keys) is a {@link ConsulAccessDenied}, never a list.
     */
    Response<List<KvPair>> kv(String prefix, long index) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = get("/v1/kv/" + encodePath(prefix), "recurse", index);
        long consulIndex = index(response);
        refuseFiltered(response, "GET /v1/kv/" + prefix + "?recurse", "the ACL token may not read every key under prefix '" + prefix
                + "' (it needs key_prefix \"" + prefix + "\" { policy = \"read\" })");
        if (response.statusCode() == 404) {
            response.body().close();
            return new Response<>(List.of(), consulIndex);
        }
        JsonNode entries = body(response, "GET /v1/kv/" + prefix);
        List<KvPair> pairs = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode value = entry.path("Value");
            byte[] bytes = value.isTextual() ? Base64.getDecoder().decode(value.asText()) : new byte[0];
            pairs.add(new KvPair(entry.path("Key").asText(), bytes));
        }
        return new Response<>(List.copyOf(pairs), consulIndex);
    }

    /** {@code GET /v1/health/service/<name>?passing[&tag=]}; a blocking query when {@code index > 0}. */
    Response<List<HealthInstance>> healthyInstances(String service, Optional<String> tag, long index)
            throws IOException, InterruptedException {
        String path = "/v1/health/service/" + encodePath(service);
        String query = "passing" + tag.map(t -> "&tag=" + encodeQuery(t)).orElse("");
        HttpResponse<InputStream> response = get(path, query, index);
        long consulIndex = index(response);
        refuseFiltered(response, "GET " + path + "?" + query, "the ACL token may not read service '" + service
                + "' or some of its nodes (it needs service_prefix \"\" and node_prefix \"\" { policy = \"read\" })");
        JsonNode entries = body(response, "GET " + path);
        List<HealthInstance> instances = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode svc = entry.path("Service");
            String address = svc.path("Address").asText("");
            if (address.isEmpty()) {
                address = entry.path("Node").path("Address").asText("");
            }
            instances.add(new HealthInstance(svc.path("ID").asText(), entry.path("Node").path("Node").asText(),
                    address, svc.path("Port").asInt()));
        }
        return new Response<>(List.copyOf(instances), consulIndex);
    }

    /** {@code PUT /v1/kv/<key>} with the value as body. */
    void put(String key, byte[] value) throws IOException, InterruptedException {
        HttpRequest request = request("/v1/kv/" + encodePath(key) + datacenterQuery("?"), REQUEST_TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(value))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("PUT " + request.uri() + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
    }

    private HttpResponse<InputStream> get(String path, String query, long index) throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder(path).append('?').append(query);
        Duration timeout = REQUEST_TIMEOUT;
        if (index > 0) {
            uri.append("&index=").append(index).append("&wait=").append(settings.waitTime().toMillis()).append("ms");
            // Consul adds up to wait/16 of jitter to spread the wake-ups of many clients.
            timeout = settings.waitTime().plus(settings.waitTime().dividedBy(16)).plus(REQUEST_TIMEOUT);
        }
        if (settings.stale()) {
            uri.append("&stale");
        }
        uri.append(datacenterQuery("&"));
        HttpRequest request = request(uri.toString(), timeout).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200 && response.statusCode() != 404) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            }
            String message = "GET " + request.uri() + " answered " + response.statusCode() + ": " + abbreviate(body);
            if (response.statusCode() == 403) {
                throw new ConsulAccessDenied(message + " (check the ACL token: settings token/tokenFile)");
            }
            throw new IOException(message);
        }
        return response;
    }

    /**
     * Consul filters what a token may not read out of lists instead of refusing them, and says so with
     * {@code X-Consul-Results-Filtered-By-ACLs: true}: such an answer is not what is there, so it is refused.
     */
    private static void refuseFiltered(HttpResponse<InputStream> response, String what, String why) throws IOException {
        if (response.headers().firstValue(ConsulAccessDenied.FILTERED_HEADER).filter("true"::equalsIgnoreCase).isEmpty()) {
            return;
        }
        response.body().close();
        throw new ConsulAccessDenied(what + " answered " + response.statusCode()
                + " with " + ConsulAccessDenied.FILTERED_HEADER + ": true: " + why);
    }

    private HttpRequest.Builder request(String pathAndQuery, Duration timeout) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.address() + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (settings.token().isPresent()) {
            builder.header("X-Consul-Token", settings.token().get());
        } else if (tokenFile != null) {
            builder.header("X-Consul-Token", tokenFile.read());
        }
        return builder;
    }

    private JsonNode body(HttpResponse<InputStream> response, String what) throws IOException {
        if (response.statusCode() == 404) {
            response.body().close();
            throw new IOException(what + " answered 404");
        }
        try (InputStream in = response.body()) {
            JsonNode node = json.readTree(in);
            if (node == null || !node.isArray()) {
                throw new IOException(what + " answered " + (node == null ? "nothing" : node.getNodeType()) + " (expected: a JSON array)");
            }
            return node;
        }
    }

    private static long index(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("X-Consul-Index");
        if (header.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(header.get().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String datacenterQuery(String separator) {
        return settings.datacenter().map(dc -> separator + "dc=" + encodeQuery(dc)).orElse("");
    }

    /** Percent-encodes everything but unreserved characters and {@code /}, so a key is one path. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String encodeQuery(String value) {
        return encodePath(value).replace("/", "%2F");
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    private static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("caFile " + caFile + " holds no PEM certificate");
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            trust.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** The ACL token file, re-read when its modification time changes, so a rotated token is picked up. */
    private static final class TokenFile {

        private final Path path;
        private FileTime readAt;
        private String token;

        TokenFile(Path path) {
            this.path = path;
        }

        synchronized String read() throws IOException {
            try {
                FileTime modified = Files.getLastModifiedTime(path);
                if (!modified.equals(readAt)) {
                    token = Files.readString(path, StandardCharsets.UTF_8).strip();
                    readAt = modified;
                }
            } catch (IOException e) {
                if (token == null) {
                    throw new IOException("cannot read tokenFile " + path + ": " + e, e);
                }
                // Keep the last token read: a file being replaced may be briefly missing.
            }
            return token;
        }
    }
}
