package io.lintel.plugin.discovery.consul;

import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ConfigSourceFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates {@link ConsulConfigSource}s (type {@code consul}): Gateway API resources from Consul KV, Service endpoints
 * from Consul's health API.
 *
 * <p>Settings (all optional):
 * <ul>
 *   <li>{@code address} (default {@code http://127.0.0.1:8500}): Consul's HTTP API, {@code http://} or
 *       {@code https://}.
 *   <li>{@code prefix} (default {@code lintel/}): the KV prefix; every key under it holds one or more YAML or JSON
 *       documents. A trailing {@code /} is added when missing.
 *   <li>{@code token}: the ACL token, sent as {@code X-Consul-Token}. {@code tokenFile}: a file holding the token
 *       instead (re-read when it changes); at most one of the two.
 *   <li>{@code caFile}: PEM CA certificates that sign Consul's server certificate (only with {@code https}); without
 *       it the JVM's default trust store is used.
 *   <li>{@code stale} (default {@code false}): {@code true} lets any Consul server answer reads ({@code ?stale}),
 *       spreading load at the price of slightly older data.
 *   <li>{@code wait} (default {@code 5m}): how long a blocking query parks on Consul, {@code 1s} to {@code 10m}
 *       (units {@code ms}, {@code s}, {@code m}).
 *   <li>{@code minQueryInterval} (default {@code 100ms}): the least time between two queries of one watch, so a key
 *       written in a tight loop cannot make Lintel hammer Consul.
 *   <li>{@code datacenter}: the datacenter to read from ({@code ?dc=}); default the agent's.
 *   <li>{@code statusPrefix}: when set, the computed status of every resource is written to
 *       {@code <statusPrefix><group or core>/<Kind>/<namespace or _cluster>/<name>} as JSON. It must not overlap
 *       {@code prefix}.
 * </ul>
 */
public final class ConsulConfigSourceFactory implements ConfigSourceFactory {

    public static final String TYPE = "consul";
    public static final String ADDRESS = "address";
    public static final String PREFIX = "prefix";
    public static final String TOKEN = "token";
    public static final String TOKEN_FILE = "tokenFile";
    public static final String CA_FILE = "caFile";
    public static final String STALE = "stale";
    public static final String WAIT = "wait";
    public static final String MIN_QUERY_INTERVAL = "minQueryInterval";
    public static final String DATACENTER = "datacenter";
    public static final String STATUS_PREFIX = "statusPrefix";

    static final String DEFAULT_ADDRESS = "http://127.0.0.1:8500";
    static final String DEFAULT_PREFIX = "lintel/";
    static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    static final Duration DEFAULT_MIN_QUERY_INTERVAL = Duration.ofMillis(100);

    private static final Set<String> KNOWN = Set.of(ADDRESS, PREFIX, TOKEN, TOKEN_FILE, CA_FILE, STALE, WAIT,
            MIN_QUERY_INTERVAL, DATACENTER, STATUS_PREFIX);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigSource create(Map<String, String> settings, PluginContext context) {
        return new ConsulConfigSource(parse(settings));
    }

    /** Validates the settings; throws {@link IllegalArgumentException} naming the first bad one. */
    static ConsulSettings parse(Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw invalid(unknown.iterator().next(), settings.get(unknown.iterator().next()),
                    "one of the settings " + new TreeSet<>(KNOWN));
        }
        URI address = address(settings.getOrDefault(ADDRESS, DEFAULT_ADDRESS));
        String prefix = prefix(PREFIX, settings.getOrDefault(PREFIX, DEFAULT_PREFIX));
        Optional<String> token = Optional.ofNullable(settings.get(TOKEN)).map(String::strip);
        if (token.isPresent() && token.get().isEmpty()) {
            throw invalid(TOKEN, "", "a non-empty ACL token, or no token setting");
        }
        Optional<Path> tokenFile = optionalPath(settings, TOKEN_FILE);
        if (token.isPresent() && tokenFile.isPresent()) {
            throw invalid(TOKEN_FILE, settings.get(TOKEN_FILE), "either '" + TOKEN + "' or '" + TOKEN_FILE + "', not both");
        }
        Optional<Path> caFile = optionalPath(settings, CA_FILE);
        if (caFile.isPresent() && !address.getScheme().equals("https")) {
            throw invalid(CA_FILE, settings.get(CA_FILE), "only with an https:// " + ADDRESS + " (address is " + address + ")");
        }
        boolean stale = bool(STALE, settings.getOrDefault(STALE, "false"));
        Duration wait = duration(WAIT, settings.get(WAIT), DEFAULT_WAIT);
        if (wait.compareTo(Duration.ofSeconds(1)) < 0 || wait.compareTo(Duration.ofMinutes(10)) > 0) {
            throw invalid(WAIT, settings.get(WAIT), "between 1s and 10m (Consul's limit)");
        }
        Duration minInterval = duration(MIN_QUERY_INTERVAL, settings.get(MIN_QUERY_INTERVAL), DEFAULT_MIN_QUERY_INTERVAL);
        Optional<String> datacenter = Optional.ofNullable(settings.get(DATACENTER)).map(String::strip);
        if (datacenter.isPresent() && !datacenter.get().matches("[A-Za-z0-9_.-]+")) {
            throw invalid(DATACENTER, settings.get(DATACENTER), "a datacenter name such as dc1");
        }
        Optional<String> statusPrefix = Optional.ofNullable(settings.get(STATUS_PREFIX)).map(p -> prefix(STATUS_PREFIX, p));
        if (statusPrefix.isPresent() && (statusPrefix.get().startsWith(prefix) || prefix.startsWith(statusPrefix.get()))) {
            throw invalid(STATUS_PREFIX, settings.get(STATUS_PREFIX),
                    "a KV prefix outside '" + PREFIX + "' " + prefix + " (status written there would be read back as manifests)");
        }
        return new ConsulSettings(address, prefix, token, tokenFile, caFile, stale, wait, minInterval, datacenter,
                statusPrefix);
    }

    private static URI address(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw invalid(ADDRESS, value, "a URL such as http://127.0.0.1:8500 (" + e.getMessage() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                || uri.getQuery() != null || uri.getUserInfo() != null) {
            throw invalid(ADDRESS, value, "http:// or https:// with a host and optional port, no path, e.g. http://127.0.0.1:8500");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    private static String prefix(String setting, String value) {
        String prefix = value.strip();
        while (prefix.startsWith("/")) {
            prefix = prefix.substring(1);
        }
        if (prefix.isEmpty() || prefix.contains("//") || prefix.contains("?") || prefix.contains("#")) {
            throw invalid(setting, value, "a KV prefix such as lintel/ (not empty, no //, ? or #)");
        }
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    private static Optional<Path> optionalPath(Map<String, String> settings, String setting) {
        String value = settings.get(setting);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw invalid(setting, value, "a file path");
        }
        try {
            return Optional.of(Path.of(value.strip()).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw invalid(setting, value, "a file path (" + e.getMessage() + ")");
        }
    }

    private static boolean bool(String setting, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(setting, value, "true or false");
        };
    }

    private static Duration duration(String setting, String value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(value.strip());
        if (!matcher.matches()) {
            throw invalid(setting, value, "a duration such as 500ms, 30s or 5m");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static IllegalArgumentException invalid(String setting, String value, String expected) {
        return new IllegalArgumentException("consul config source: setting '" + setting + "'"
                + (value == null ? "" : ": '" + value + "'") + " is invalid (expected: " + expected + ")");
    }
}
