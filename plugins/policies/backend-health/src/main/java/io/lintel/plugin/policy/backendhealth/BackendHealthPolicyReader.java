package io.lintel.plugin.policy.backendhealth;

import io.lintel.plugin.filter.support.ConfigReader;
import io.lintel.plugin.filter.support.GatewayDuration;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.policy.PolicyConfig;
import io.lintel.spi.policy.PolicyConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a BackendHealthPolicy's {@code spec}; each problem names its field ({@code spec.http.interval})
 * and what was expected.
 */
final class BackendHealthPolicyReader {

    static final String DEFAULT_PATH = "/";
    static final List<Integer> DEFAULT_STATUSES = List.of(200);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    static final int DEFAULT_HEALTHY_THRESHOLD = 2;
    static final int DEFAULT_UNHEALTHY_THRESHOLD = 3;
    /** Checks more often than this would load the backends more than they tell. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);
    static final int MAX_THRESHOLD = 100;
    static final int MAX_STATUSES = 16;

    private BackendHealthPolicyReader() {}

    static BackendHealthSpec read(PolicyConfig config) throws PolicyConfigException {
        try {
            return read(config.fieldPath(), config.value().get("spec"));
        } catch (FilterConfigException e) {
            throw new PolicyConfigException(e.fieldPath(), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static BackendHealthSpec read(String path, Object raw) throws FilterConfigException, PolicyConfigException {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new PolicyConfigException(path, "expected an object with targetRefs and http");
        }
        ConfigReader spec = ConfigReader.of(path, (Map<String, ?>) map).requireOnly(Set.of("targetRefs", "http"));
        ConfigReader http = spec.optionalObject("http").orElseThrow(() -> spec.invalid("http",
                "required field is missing (expected the HTTP check: path, expectedStatuses, interval, timeout,"
                        + " healthyThreshold, unhealthyThreshold)"));
        http.requireOnly(Set.of("path", "expectedStatuses", "interval", "timeout", "healthyThreshold",
                "unhealthyThreshold"));
        String checkPath = http.optionalString("path").orElse(DEFAULT_PATH);
        if (!checkPath.startsWith("/") || !checkPath.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw http.invalid("path", "\"" + checkPath + "\" is not a request path (expected an absolute path of"
                    + " visible ASCII characters, e.g. /healthz)");
        }
        List<Integer> statuses = statuses(http, ((Map<String, ?>) map.get("http")).get("expectedStatuses"));
        Duration interval = GatewayDuration.optional(http, "interval").orElse(DEFAULT_INTERVAL);
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw http.invalid("interval", interval.toMillis() + " ms is out of range (expected 100ms to 1h)");
        }
        Duration timeout = GatewayDuration.optional(http, "timeout").orElse(DEFAULT_TIMEOUT.compareTo(interval) > 0
                ? interval : DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.compareTo(interval) > 0) {
            throw http.invalid("timeout", timeout.toMillis() + " ms is out of range (expected more than 0 and at most"
                    + " the interval, " + interval.toMillis() + " ms: one check at a time per endpoint)");
        }
        int healthy = threshold(http, "healthyThreshold", DEFAULT_HEALTHY_THRESHOLD);
        int unhealthy = threshold(http, "unhealthyThreshold", DEFAULT_UNHEALTHY_THRESHOLD);
        return new BackendHealthSpec(checkPath, statuses, interval, timeout, healthy, unhealthy);
    }

    private static List<Integer> statuses(ConfigReader http, Object raw) throws FilterConfigException {
        if (raw == null) {
            return DEFAULT_STATUSES;
        }
        if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > MAX_STATUSES) {
            throw http.invalid("expectedStatuses", "expected a list of 1 to " + MAX_STATUSES + " HTTP status codes");
        }
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object value = list.get(i);
            if (!(value instanceof Integer status) || status < 100 || status > 599) {
                throw http.invalid("expectedStatuses[" + i + "]", value + " is not an HTTP status code (expected an"
                        + " integer from 100 to 599)");
            }
            if (statuses.contains(status)) {
                throw http.invalid("expectedStatuses[" + i + "]", status + " is repeated (expected each once)");
            }
            statuses.add(status);
        }
        return statuses;
    }

    private static int threshold(ConfigReader http, String field, int defaultValue) throws FilterConfigException {
        int value = http.optionalInt(field).orElse(defaultValue);
        if (value < 1 || value > MAX_THRESHOLD) {
            throw http.invalid(field, value + " is out of range (expected 1-" + MAX_THRESHOLD + ")");
        }
        return value;
    }
}
