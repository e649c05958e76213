package io.lintel.plugin.policy.ratelimit;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.support.ConfigReader;
import io.lintel.plugin.filter.support.HttpSyntax;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.FailMode;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.KeyType;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Store;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.StoreType;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Unit;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.RuleRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Translates a whole {@code RateLimitPolicy} object ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec})
 * into a {@link RateLimitSpec}, and a spec into one filter per rule, counting locally ({@link LocalRateLimitFilter}) or
 * in Redis ({@link RedisRateLimitFilter}). Reached today through an HTTPRoute {@code ExtensionRef} filter; policy
 * attachment by {@code spec.targetRefs} (read by core, not here) calls it with the same object.
 *
 * <p>Errors carry the path core gave ({@link FilterConfig#fieldPath()}: the route's filter, which the route's condition
 * names) and a message naming the policy and its own field, e.g. {@code RateLimitPolicy shop/api-limits:
 * spec.limits[0].requests: must be greater than 0, got 0}.
 */
public final class RateLimitPolicyFactory implements HttpFilterFactory {

    static final String GROUP = "lintel.io";
    static final String KIND = "RateLimitPolicy";
    static final FilterKey KEY = FilterKey.extensionRef(GROUP, KIND);
    /** The CRD-style bound on limits per policy: each is counted on every request. */
    static final int MAX_LIMITS = 16;

    private final RateLimitSettings settings;
    private final Clock clock;
    private final RedisStores redis;
    private final RateLimitMetrics metrics;

    RateLimitPolicyFactory(RateLimitSettings settings, Clock clock, RedisStores redis, RateLimitMetrics metrics) {
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
        this.redis = requireNonNull(redis, "redis");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public RateLimitSpec translate(FilterConfig config) throws FilterConfigException {
        String policy = policyName(config.value());
        try {
            ConfigReader object = ConfigReader.of("", config.value());
            ConfigReader spec = object.optionalObject("spec")
                    .orElseThrow(() -> new FilterConfigException("spec", ConfigReader.UNSUPPORTED_VALUE,
                            "required field is missing"))
                    .requireOnly(Set.of("targetRefs", "limits", "store"));
            return new RateLimitSpec(policy, limits(spec, policy), store(spec));
        } catch (FilterConfigException e) {
            String field = e.fieldPath().startsWith(".") ? e.fieldPath().substring(1) : e.fieldPath();
            throw new FilterConfigException(config.fieldPath(), e.reason(),
                    KIND + " " + policy + ": " + field + ": " + e.getMessage());
        }
    }

    private static List<Limit> limits(ConfigReader spec, String policy) throws FilterConfigException {
        List<ConfigReader> limits = spec.objectList("limits");
        if (limits.isEmpty()) {
            throw spec.invalid("limits", "at least one limit is required");
        }
        if (limits.size() > MAX_LIMITS) {
            throw spec.invalid("limits", "at most " + MAX_LIMITS + " limits, got " + limits.size());
        }
        String name = policy.substring(policy.indexOf('/') + 1);
        List<Limit> result = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            ConfigReader limit = limits.get(i).requireOnly(Set.of("requests", "unit", "key"));
            int requests = limit.optionalInt("requests")
                    .orElseThrow(() -> limit.invalid("requests", "required field is missing"));
            if (requests <= 0) {
                throw limit.invalid("requests", "must be greater than 0, got " + requests);
            }
            Unit unit = choice(limit, "unit", Unit.class);
            ConfigReader key = limit.optionalObject("key")
                    .orElseThrow(() -> limit.invalid("key", "required field is missing"))
                    .requireOnly(Set.of("type", "name"));
            KeyType type = choice(key, "type", KeyType.class);
            String header = "";
            if (type == KeyType.Header) {
                header = key.requiredString("name");
                if (!HttpSyntax.isToken(header)) {
                    throw key.invalid("name", "not a header name: \"" + header + "\"");
                }
                header = header.toLowerCase(Locale.ROOT);
            } else if (key.has("name")) {
                throw key.invalid("name", "only a key of type Header has a name");
            }
            result.add(new Limit(name + "-" + i, requests, unit, type, header));
        }
        return result;
    }

    private static Store store(ConfigReader spec) throws FilterConfigException {
        if (!spec.has("store")) {
            return Store.LOCAL;
        }
        ConfigReader store = spec.optionalObject("store").orElseThrow().requireOnly(Set.of("type", "redis"));
        StoreType type = choice(store, "type", StoreType.class);
        if (type == StoreType.Local) {
            if (store.has("redis")) {
                throw store.invalid("redis", "must not be set when type is Local");
            }
            return Store.LOCAL;
        }
        ConfigReader redis = store.optionalObject("redis")
                .orElseThrow(() -> store.invalid("redis", "required when type is Redis"))
                .requireOnly(Set.of("address", "failMode"));
        String address = redis.requiredString("address");
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? "" : address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = colon < 0 ? -1 : port(address.substring(colon + 1));
        if (host.isEmpty() || port < 1 || port > 65535 || !validHost(host)) {
            throw redis.invalid("address", "expected host:port (a host name or address and a port from 1 to 65535),"
                    + " got \"" + address + "\"");
        }
        FailMode failMode = redis.has("failMode") ? choice(redis, "failMode", FailMode.class) : FailMode.Open;
        return new Store(StoreType.Redis, host, port, failMode);
    }

    private static int port(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    private static boolean validHost(String host) {
        if (host.indexOf(':') >= 0) {
            return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return HttpSyntax.isPreciseHostname(host.toLowerCase(Locale.ROOT));
    }

    private static <E extends Enum<E>> E choice(ConfigReader object, String field, Class<E> type)
            throws FilterConfigException {
        String value = object.requiredString(field);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw object.invalid(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", ")) + ", got \"" + value + "\"");
    }

    private static String policyName(Map<String, Object> object) {
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Object namespace = metadata.get("namespace");
        return (namespace == null ? "default" : namespace) + "/" + metadata.get("name");
    }

    @Override
    public HttpFilter create(FilterSpec spec, RuleRef rule) {
        if (!(spec instanceof RateLimitSpec limits)) {
            throw new IllegalArgumentException("expected a RateLimitSpec, got " + spec);
        }
        RateLimitHeaders headers = new RateLimitHeaders(limits.limits(), settings.headersOnAllowed());
        if (limits.store().type() == StoreType.Local) {
            return new LocalRateLimitFilter(limits, headers, clock, settings.maxKeys(), metrics);
        }
        return new RedisRateLimitFilter(limits, rule, headers, clock, redis, metrics);
    }
}
